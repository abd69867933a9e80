import { Create, PasswordInput, SimpleForm, TextInput, minLength, regex, required } from 'react-admin';
import { UserCommonInputs } from './UserEdit';

export default function UserCreate() {
  return (
    <Create resource="users" redirect="list">
      <SimpleForm>
        <TextInput source="username" validate={[required(), regex(/^[a-z0-9][a-z0-9._-]{2,63}$/)]} />
        <UserCommonInputs />
        <PasswordInput source="password" validate={[required(), minLength(10)]} autoComplete="new-password" />
      </SimpleForm>
    </Create>
  );
}
