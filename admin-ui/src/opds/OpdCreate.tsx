import { Create, SimpleForm, TextInput, regex, required } from 'react-admin';
import { OpdInputs } from './OpdEdit';

export default function OpdCreate() {
  return (
    <Create resource="opds" redirect="list">
      <SimpleForm>
        <TextInput source="code" validate={[required(), regex(/^[a-z0-9-]{2,40}$/)]} />
        <OpdInputs />
      </SimpleForm>
    </Create>
  );
}
