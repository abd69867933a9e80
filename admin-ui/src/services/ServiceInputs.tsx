import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import {
  ArrayInput,
  BooleanInput,
  NumberInput,
  useLocale,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  minValue,
  regex,
  required,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useWorkflowVersions } from '../workflows/useWorkflowVersions';
import { fieldTypeChoices, requirementKindChoices, slaUnitChoices } from '../common/choices';

const F = 'resources.services.fields';

/** Workflow and version by their names ("Standar", "versi 2"), never raw keys. */
function WorkflowInputs() {
  const translate = useTranslate();
  const { byId } = useWorkflowVersions();
  const lang = useLocale() === 'en' ? 'en' : 'id';
  const key = useWatch<{ workflowKey?: string }>({ name: 'workflowKey' });
  const versions = [...byId.values()];
  const keys = useMemo(() => {
    const latest = new Map<string, string>();
    for (const v of versions) latest.set(v.key, v.label[lang]);
    return [...latest].map(([id, name]) => ({ id, name }));
  }, [versions, lang]);
  const versionChoices = versions
    .filter((v) => v.key === key)
    .map((v) => ({ id: v.version, name: translate('lt.designer.version_n', { n: v.version }) }));
  return (
    <>
      <SelectInput source="workflowKey" choices={keys} validate={required()} />
      <SelectInput source="workflowVersion" choices={versionChoices} validate={[required(), minValue(1)]} />
      <BooleanInput source="autoAssign" label="lt.leaves.auto_assign" helperText="lt.leaves.auto_assign_hint" defaultValue={false} />
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
