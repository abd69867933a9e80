import { Edit, SelectInput, SimpleForm, TextInput, maxLength, minLength, required } from 'react-admin';
import { holidayKindChoices } from '../common/choices';

/** Corrects a holiday's name, kind or decree; the date is its identity (delete and add to move one). */
export default function HolidayEdit() {
  return (
    <Edit resource="holidays" mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <TextInput source="date" disabled />
        <TextInput source="name" validate={[required(), minLength(3), maxLength(200)]} fullWidth />
        <SelectInput source="kind" choices={holidayKindChoices} validate={required()} />
        <TextInput source="source" validate={maxLength(300)} fullWidth />
      </SimpleForm>
    </Edit>
  );
}
