import { Create, DateInput, SelectInput, SimpleForm, TextInput, maxLength, required } from 'react-admin';
import { holidayKindChoices } from '../common/choices';

export default function HolidayCreate() {
  return (
    <Create resource="holidays" redirect="list">
      <SimpleForm defaultValues={{ kind: 'national' }}>
        <DateInput source="date" validate={required()} />
        <TextInput source="name" validate={[required(), maxLength(200)]} fullWidth />
        <SelectInput source="kind" choices={holidayKindChoices} validate={required()} />
        <TextInput source="source" validate={maxLength(300)} fullWidth />
      </SimpleForm>
    </Create>
  );
}
