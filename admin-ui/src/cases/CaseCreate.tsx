import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import Typography from '@mui/material/Typography';
import { useWatch } from 'react-hook-form';
import { nikProblem, normalisePhone } from '@layanan/contracts';
import {
  AutocompleteInput,
  DateInput,
  FileField,
  FileInput,
  HttpError,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  Title,
  email,
  required,
  useDataProvider,
  useGetOne,
  useNotify,
  useRedirect,
  useTranslate,
  type Validator,
} from 'react-admin';
import { useErrorText } from '../common/errors';
import { NotificationConsentInput } from '../notifications';
import type { LayananDataProvider } from '../providers/dataProvider';

const KECAMATAN = ['Blimbing', 'Kedungkandang', 'Klojen', 'Lowokwaru', 'Sukun'].map((k) => ({ id: k, name: k }));

interface FormFieldDef {
  key: string;
  label: string;
  type: 'text' | 'date' | 'number' | 'select';
  required: boolean;
  options?: string[];
}
interface RequirementDef {
  key: string;
  label: string;
  kind: 'document' | 'field';
  mandatory: boolean;
  condition?: string;
}
interface ServiceRecord {
  id: string;
  name: string;
  formFields: FormFieldDef[];
  requirements: RequirementDef[];
}

interface UploadValue {
  rawFile: File;
}

interface NewCaseValues {
  serviceId: string;
  applicant: {
    nik: string;
    name: string;
    phone: string;
    email?: string;
    address?: { street?: string; kelurahan?: string; kecamatan?: string };
  };
  formData?: Record<string, unknown>;
  files?: Record<string, UploadValue | null | undefined>;
  notifications?: { channels?: ('email' | 'whatsapp')[] };
}

/** The shared NIK rule's reasons (libs/contracts), as this console's i18n keys. */
const NIK_PROBLEMS: Record<string, string> = {
  'must be exactly 16 digits': 'lt.new_case.nik.length',
  'has an unknown province code': 'lt.new_case.nik.province',
  'has an invalid regency or district code': 'lt.new_case.nik.region',
  'has an invalid birth date': 'lt.new_case.nik.date',
  'has a zero sequence number': 'lt.new_case.nik.sequence',
};

const validNik: Validator = (value: unknown) => {
  if (typeof value !== 'string' || !value) return undefined;
  const nik = value.trim();
  const problem = nikProblem(nik);
  return problem ? { message: NIK_PROBLEMS[problem] ?? 'lt.new_case.nik.length', args: { n: nik.length } } : undefined;
};

/** NIK checked as it is typed (the form validates on change), with a digit count until it is complete. */
function NikInput() {
  const translate = useTranslate();
  const nik = (useWatch<NewCaseValues, 'applicant.nik'>({ name: 'applicant.nik' }) ?? '').trim();
  const hint = nik && !nikProblem(nik) ? translate('lt.new_case.nik.ok') : translate('lt.new_case.nik.count', { n: nik.length });
  return (
    <TextInput
      source="applicant.nik"
      validate={[required(), validNik]}
      helperText={hint}
      slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 16, 'data-testid': 'new-case-nik' } }}
    />
  );
}

/** The API names a document part `doc_<key>`; the form holds it at `files.<key>`. */
const formFieldOf = (apiField: string): string => apiField.replace(/^doc_(.+)$/, 'files.$1');

const validPhone: Validator = (value: unknown) =>
  typeof value === 'string' && value && !normalisePhone(value) ? 'lt.new_case.phone_invalid' : undefined;

function ServiceSpecificInputs() {
  const translate = useTranslate();
  const serviceId = useWatch<NewCaseValues, 'serviceId'>({ name: 'serviceId' });
  return serviceId ? (
    <ReferenceRecordInputs serviceId={serviceId} />
  ) : (
    <Alert severity="info" sx={{ my: 1 }}>
      {translate('lt.new_case.pick_service')}
    </Alert>
  );
}

function ReferenceRecordInputs({ serviceId }: { serviceId: string }) {
  const translate = useTranslate();
  const { data: service } = useGetOne<ServiceRecord>('services', { id: serviceId });
  if (!service) return null;
  const documents = service.requirements.filter((r) => r.kind === 'document');
  return (
    <>
      {service.formFields.length > 0 && (
        <Typography variant="h6" sx={{ mt: 2 }}>
          {translate('lt.new_case.form')}
        </Typography>
      )}
      {service.formFields.map((field) => {
        const props = {
          key: field.key,
          source: `formData.${field.key}`,
          label: field.label,
          validate: field.required ? required() : undefined,
          fullWidth: true,
        };
        switch (field.type) {
          case 'date':
            return <DateInput {...props} />;
          case 'number':
            return <NumberInput {...props} />;
          case 'select':
            return <SelectInput {...props} choices={(field.options ?? []).map((o) => ({ id: o, name: o }))} />;
          default:
            return <TextInput {...props} />;
        }
      })}
      {documents.length > 0 && (
        <Typography variant="h6" sx={{ mt: 2 }}>
          {translate('lt.new_case.documents')}
        </Typography>
      )}
      {documents.map((req) => (
        <FileInput
          key={req.key}
          source={`files.${req.key}`}
          label={`${req.label}${req.mandatory ? ' *' : ''}${req.condition ? ` (${req.condition})` : ''}`}
          accept={{ 'application/pdf': ['.pdf'], 'image/jpeg': ['.jpg', '.jpeg'], 'image/png': ['.png'] }}
          options={{ noClick: false }}
          inputProps={{ 'data-testid': `new-case-file-${req.key}` }}
        >
          <FileField source="src" title="title" />
        </FileInput>
      ))}
    </>
  );
}

export default function CaseCreate() {
  const translate = useTranslate();
  const errorText = useErrorText();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();

  // One multipart request: the case and its documents are written together or not at all.
  const save = async (values: NewCaseValues) => {
    const { files = {}, notifications, ...rest } = values;
    const data = {
      ...rest,
      applicant: { ...rest.applicant, nik: rest.applicant.nik.trim() },
      formData: rest.formData ?? {},
      // The applicant's choice is recorded with the case (none ticked = consent to no messages).
      notifications: { channels: notifications?.channels ?? [] },
    };
    const documents = Object.entries(files).flatMap(([key, value]) =>
      value?.rawFile ? [{ requirementKey: key, file: value.rawFile }] : [],
    );
    try {
      const created = await dataProvider.registerCase(data, documents);
      notify('lt.new_case.created', { type: 'success', messageArgs: { code: created.trackingCode } });
      redirect('show', 'cases', created.id);
      return undefined;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const errors = (error.body as { errors?: Record<string, string> } | undefined)?.errors;
      notify(`${translate('lt.new_case.refused')} ${errorText(error)}`, { type: 'warning' });
      return errors ? Object.fromEntries(Object.entries(errors).map(([field, key]) => [formFieldOf(field), key])) : undefined;
    }
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 900 }}>
      <Title title={translate('lt.new_case.title')} />
      <SimpleForm mode="onChange" onSubmit={(values: Record<string, unknown>) => save(values as unknown as NewCaseValues)} resource="cases">
        <Typography variant="h6">{translate('lt.new_case.service')}</Typography>
        <ReferenceInput
          source="serviceId"
          reference="services"
          filter={{ active: true }}
          sort={{ field: 'name', order: 'ASC' }}
          perPage={200}
        >
          <AutocompleteInput optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
        <Typography variant="h6">{translate('lt.new_case.applicant')}</Typography>
        <NikInput />
        <TextInput source="applicant.name" validate={required()} fullWidth slotProps={{ htmlInput: { 'data-testid': 'new-case-name' } }} />
        <TextInput
          source="applicant.phone"
          validate={[required(), validPhone]}
          slotProps={{ htmlInput: { inputMode: 'tel', 'data-testid': 'new-case-phone' } }}
        />
        <TextInput source="applicant.email" validate={email()} />
        <Typography variant="subtitle1">{translate('lt.new_case.address')}</Typography>
        <TextInput source="applicant.address.street" fullWidth />
        <SelectInput source="applicant.address.kecamatan" choices={KECAMATAN} />
        <TextInput source="applicant.address.kelurahan" />
        <NotificationConsentInput />
        <ServiceSpecificInputs />
      </SimpleForm>
    </Card>
  );
}
