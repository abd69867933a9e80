import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import {
  ArrayInput,
  BooleanInput,
  NumberInput,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  minValue,
  regex,
  required,
  useGetList,
  useTranslate,
} from 'react-admin';
import { fieldTypeChoices, requirementKindChoices, slaUnitChoices } from '../common/choices';

const F = 'resources.services.fields';

function WorkflowInputs() {
  const { data = [] } = useGetList<{ id: string; key: string; version: number }>('workflows', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'key', order: 'ASC' },
  });
  const keys = useMemo(() => [...new Set(data.map((w) => w.key))].map((k) => ({ id: k, name: k })), [data]);
  return (
    <>
      <SelectInput source="workflowKey" choices={keys} validate={required()} />
      <NumberInput source="workflowVersion" validate={[required(), minValue(1)]} step={1} />
    </>
  );
}

/** Form-field options are edited as one comma-separated line. */
const formatOptions = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : '');
const parseOptions = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function ServiceInputs() {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="name" validate={[required(), minLength(3), maxLength(200)]} fullWidth />
      <TextInput source="description" multiline fullWidth validate={maxLength(2000)} />
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate(`${F}.requirements`)}
      </Typography>
      <ArrayInput source="requirements" label={false}>
        <SimpleFormIterator inline>
          <TextInput source="key" label={`${F}.requirement.key`} validate={[required(), regex(/^[a-z0-9-]{1,40}$/)]} />
          <TextInput source="label" label={`${F}.requirement.label`} validate={[required(), minLength(2)]} />
          <SelectInput
            source="kind"
            label={`${F}.requirement.kind`}
            choices={requirementKindChoices}
            defaultValue="document"
            validate={required()}
          />
          <BooleanInput source="mandatory" label={`${F}.requirement.mandatory`} defaultValue={true} />
          <TextInput source="condition" label={`${F}.requirement.condition`} />
          <TextInput source="description" label={`${F}.requirement.description`} />
        </SimpleFormIterator>
      </ArrayInput>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate(`${F}.formFields`)}
      </Typography>
      <ArrayInput source="formFields" label={false}>
        <SimpleFormIterator inline>
          <TextInput source="key" label={`${F}.formField.key`} validate={[required(), regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/)]} />
          <TextInput source="label" label={`${F}.formField.label`} validate={[required(), minLength(2)]} />
          <SelectInput source="type" label={`${F}.formField.type`} choices={fieldTypeChoices} defaultValue="text" validate={required()} />
          <BooleanInput source="required" label={`${F}.formField.required`} defaultValue={false} />
          <TextInput source="options" label={`${F}.formField.options`} format={formatOptions} parse={parseOptions} />
        </SimpleFormIterator>
      </ArrayInput>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('lt.service.sla')}
      </Typography>
      <NumberInput source="slaAmount" validate={[required(), minValue(1)]} step={1} />
      <SelectInput source="slaUnit" choices={slaUnitChoices} validate={required()} />
      <NumberInput source="feeAmount" validate={[required(), minValue(0)]} step={1000} />
      <TextInput source="feeNote" fullWidth />
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('lt.service.standard')}
      </Typography>
      <TextInput source="procedure" multiline fullWidth />
      <TextInput source="product" fullWidth />
      <TextInput source="complaintChannel" fullWidth />
      <TextInput source="legalBasis" multiline fullWidth />
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('lt.service.workflow')}
      </Typography>
      <WorkflowInputs />
    </>
  );
}
