import { AutocompleteInput, Create, ReferenceInput, SimpleForm, TextInput, regex, required } from 'react-admin';
import { ServiceInputs } from './ServiceInputs';

const defaults = {
  requirements: [],
  formFields: [],
  slaAmount: 5,
  slaUnit: 'days',
  feeAmount: 0,
  workflowKey: 'standard',
  workflowVersion: 1,
};

export default function ServiceCreate() {
  return (
    <Create resource="services" redirect="list">
      <SimpleForm defaultValues={defaults}>
        <TextInput source="code" validate={[required(), regex(/^[a-z0-9-]{2,60}$/)]} />
        <ReferenceInput source="opdId" reference="opds" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
          <AutocompleteInput optionText="name" validate={required()} />
        </ReferenceInput>
        <ServiceInputs />
      </SimpleForm>
    </Create>
  );
}
