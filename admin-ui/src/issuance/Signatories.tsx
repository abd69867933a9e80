import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  regex,
  required,
  useTranslate,
} from 'react-admin';

const F = 'lt.issuance.signatory.fields';

function ActingInputs() {
  const translate = useTranslate();
  const choices = (['plh', 'plt', 'an'] as const).map((id) => ({ id, name: translate(`lt.issuance.signatory.acting.${id}`) }));
  return (
    <>
      <SelectInput source="acting" label={`${F}.acting`} choices={choices} emptyText={translate('lt.issuance.signatory.acting.none')} />
      <TextInput source="actingFor" label={`${F}.actingFor`} fullWidth />
    </>
  );
}

function SignatoryInputs() {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="nip" label={`${F}.nip`} validate={[required(), regex(/^\d{18}$/)]} />
      <TextInput source="position" label={`${F}.position`} validate={required()} fullWidth />
      <TextInput source="rank" label={`${F}.rank`} />
      <TextInput source="nik" label={`${F}.nik`} validate={regex(/^\d{16}$/)} />
      <ActingInputs />
      <BooleanInput source="isDefault" label={`${F}.isDefault`} helperText={translate('lt.issuance.signatory.default_hint')} />
      <BooleanInput source="active" label={`${F}.active`} defaultValue={true} />
    </>
  );
}

export function SignatoryList() {
  const translate = useTranslate();
  return (
    <List resource="signatories" exporter={false} title={translate('lt.issuance.signatories')}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="fullName" label={`${F}.fullName`} sortable={false} />
        <ReferenceField source="opdId" reference="opds" label={`${F}.opdId`} sortable={false}>
          <TextField source="shortName" />
        </ReferenceField>
        <TextField source="position" label={`${F}.position`} sortable={false} />
        <TextField source="nip" label={`${F}.nip`} sortable={false} />
        <FunctionField
          label={`${F}.acting`}
          render={(r: { acting: string | null }) => translate(`lt.issuance.signatory.acting.${r.acting ?? 'none'}`)}
        />
        <BooleanField source="isDefault" label={`${F}.isDefault`} sortable={false} />
        <BooleanField source="active" label={`${F}.active`} sortable={false} />
      </Datagrid>
    </List>
  );
}

export function SignatoryCreate() {
  return (
    <Create resource="signatories" redirect="list">
      <SimpleForm>
        <ReferenceInput source="userId" reference="users" sort={{ field: 'fullName', order: 'ASC' }} perPage={200}>
          <AutocompleteInput optionText="fullName" label={`${F}.userId`} validate={required()} />
        </ReferenceInput>
        <SignatoryInputs />
      </SimpleForm>
    </Create>
  );
}

export function SignatoryEdit() {
  return (
    <Edit resource="signatories" mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <TextInput source="fullName" label={`${F}.fullName`} disabled />
        <SignatoryInputs />
      </SimpleForm>
    </Edit>
  );
}
