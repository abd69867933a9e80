import { BooleanInput, Edit, SelectInput, SimpleForm, TextInput, maxLength, minLength, required } from 'react-admin';
import { opdKindChoices } from '../common/choices';
import { LetterheadLink } from '../issuance';

export function OpdInputs() {
  return (
    <>
      <TextInput source="name" validate={[required(), minLength(3), maxLength(200)]} fullWidth />
      <TextInput source="shortName" validate={[required(), minLength(2), maxLength(60)]} />
      <SelectInput source="kind" choices={opdKindChoices} validate={required()} />
      <TextInput source="address" multiline fullWidth validate={maxLength(300)} />
    </>
  );
}

export default function OpdEdit() {
  return (
    <Edit resource="opds" mutationMode="pessimistic">
      <SimpleForm>
        <LetterheadLink />
        <TextInput source="code" disabled />
        <OpdInputs />
        <BooleanInput source="active" />
      </SimpleForm>
    </Edit>
  );
}
