import Alert from '@mui/material/Alert';
import {
  BooleanInput,
  Edit,
  PasswordInput,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  email,
  minLength,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { roleChoices } from '../common/choices';
import { LeavePanel } from '../leaves/LeavePanel';
import { ReassignButton } from '../leaves/ReassignButton';

export function UserCommonInputs() {
  return (
    <>
      <TextInput source="fullName" validate={[required(), minLength(2)]} fullWidth />
      <TextInput source="email" validate={email()} fullWidth />
      <SelectArrayInput source="roles" choices={roleChoices} validate={required()} />
      <ReferenceInput source="opdId" reference="opds" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
        <SelectInput optionText="name" emptyText="—" fullWidth />
      </ReferenceInput>
    </>
  );
}

/** Only send a password when the admin typed a new one (a PUT with it resets it). */
function withoutEmptyPassword<T extends { password?: string }>(data: T): T {
  if (data.password) return data;
  const { password: _unused, ...rest } = data;
  return rest as T;
}

/** The user's leave and the reassignment of their open cases, beside the account form. */
function UserWork() {
  const r = useRecordContext<{ id: string; fullName: string }>();
  if (!r) return null;
  return (
    <>
      <LeavePanel userId={r.id} />
      <ReassignButton userId={r.id} fullName={r.fullName} />
    </>
  );
}

export default function UserEdit() {
  const translate = useTranslate();
  return (
    <Edit resource="users" mutationMode="pessimistic" transform={withoutEmptyPassword}>
      <SimpleForm>
        <TextInput source="username" disabled />
        <UserCommonInputs />
        <BooleanInput source="active" />
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('lt.user.deactivate_hint')}
        </Alert>
        <PasswordInput
          source="password"
          label="lt.user.reset_password"
          validate={minLength(10)}
          autoComplete="new-password"
          slotProps={{ htmlInput: { 'data-testid': 'user-reset-password' } }}
        />
        <UserWork />
      </SimpleForm>
    </Edit>
  );
}
