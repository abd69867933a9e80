import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { templateProblems, type NotificationTemplateView } from '@layanan/contracts';
import {
  ArrayInput,
  Edit,
  SelectField,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useRecordContext,
  useTranslate,
  type Validator,
} from 'react-admin';
import { channelChoices, eventChoices, localeChoices } from './choices';

/** The same check the API runs at save (422 TEMPLATE_INVALID), while the administrator types. */
const placeholdersOnly: Validator = (value: unknown, all: Partial<NotificationTemplateView>) => {
  if (typeof value !== 'string') return undefined;
  const problems = templateProblems(value, all.placeholders ?? []);
  return problems.length ? { message: 'lt.notify.template_invalid', args: { problems: problems.join('; ') } } : undefined;
};

function Placeholders() {
  const r = useRecordContext<NotificationTemplateView>();
  const translate = useTranslate();
  if (!r) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: 'wrap' }} useFlexGap data-testid="template-placeholders">
      <span>{translate('lt.notify.placeholders')}</span>
      {r.placeholders.map((p) => (
        <Chip key={p} size="small" label={`{{${p}}}`} />
      ))}
    </Stack>
  );
}

function ChannelFields() {
  const r = useRecordContext<NotificationTemplateView>();
  const translate = useTranslate();
  if (!r) return null;
  if (r.channel === 'email')
    return (
      <>
        <TextInput source="subject" fullWidth validate={placeholdersOnly} />
        <TextInput source="body" fullWidth multiline minRows={8} validate={placeholdersOnly} />
      </>
    );
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('lt.notify.whatsapp_hint')}
      </Alert>
      <TextInput source="waTemplate" fullWidth />
      <TextInput source="body" fullWidth multiline minRows={4} disabled />
      <ArrayInput source="waParams">
        <SimpleFormIterator inline disableReordering>
          <TextInput source="" label={false} validate={placeholdersOnly} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}

export default function TemplateEdit() {
  return (
    <Edit resource="notification-templates" mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <Stack direction="row" spacing={3} sx={{ mb: 1 }}>
          <SelectField source="event" choices={eventChoices} />
          <SelectField source="channel" choices={channelChoices} />
          <SelectField source="locale" choices={localeChoices} />
        </Stack>
        <Placeholders />
        <ChannelFields />
      </SimpleForm>
    </Edit>
  );
}
