import Alert from '@mui/material/Alert';
import { BooleanInput, Edit, NumberInput, SimpleForm, TextInput, useTranslate } from 'react-admin';
import { TemplateLink } from '../issuance';
import { ServiceInputs } from './ServiceInputs';

export default function ServiceEdit() {
  const translate = useTranslate();
  return (
    <Edit resource="services" mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <TemplateLink />
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('lt.service.new_version_hint')}
        </Alert>
        <TextInput source="code" disabled />
        <NumberInput source="version" disabled />
        <ServiceInputs />
        <BooleanInput source="active" />
      </SimpleForm>
    </Edit>
  );
}
