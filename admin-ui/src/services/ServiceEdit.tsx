import Alert from '@mui/material/Alert';
import { Edit, NumberInput, SaveButton, SimpleForm, TextInput, Toolbar, useTranslate } from 'react-admin';
import { TemplateLink } from '../issuance';
import { ServiceActivation } from './ServiceActivation';
import { ServiceInputs } from './ServiceInputs';

/** Save only: a service is deactivated (above the form), never deleted. */
const ServiceToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export default function ServiceEdit() {
  const translate = useTranslate();
  return (
    <Edit resource="services" mutationMode="pessimistic" redirect="list">
      <SimpleForm toolbar={<ServiceToolbar />}>
        <ServiceActivation />
        <TemplateLink />
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('lt.service.new_version_hint')}
        </Alert>
        <TextInput source="code" disabled />
        <NumberInput source="version" disabled />
        <ServiceInputs />
      </SimpleForm>
    </Edit>
  );
}
