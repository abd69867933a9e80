import type { AppointmentView } from '@layanan/contracts';
import { APPOINTABLE_ROLES, APPOINTMENT_KINDS } from '@layanan/contracts';
import {
  AutocompleteInput,
  Create,
  DateInput,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  minLength,
  required,
  useCanAccess,
  useGetIdentity,
  useNotify,
  useRedirect,
  useTranslate,
  type Validator,
} from 'react-admin';
import { errorCodeOf, errorKey } from '../common/errors';

type Person = { id: string; fullName: string; roles: string[]; opdId: string | null };

/** The last day may not come before the first (the API says the same, naming validUntil). */
const notBeforeStart: Validator = (value: unknown, all: Record<string, unknown>) =>
  typeof value === 'string' && typeof all.validFrom === 'string' && value < all.validFrom ? 'lt.error_field.FIELD_INVALID' : undefined;

/**
 * Appoints a Plh./Plt.: the admin for any OPD, the head for their own (the OPD is then fixed).
 * An overlap with another appointment of the position comes back as APPOINTMENT_OVERLAP on validFrom.
 */
export default function AppointmentCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const { identity } = useGetIdentity();
  const { canAccess: everyOpd } = useCanAccess({ resource: 'appointments', action: 'delete' });
  const ownOpd = (identity as { opdId?: string | null } | undefined)?.opdId ?? null;
  if (everyOpd === undefined || identity === undefined) return null;
  const fixedOpd = !everyOpd && ownOpd;
  return (
    <Create
      resource="appointments"
      mutationOptions={{
        onSuccess: (a: AppointmentView) => {
          notify('lt.appointments.created', { type: 'success', messageArgs: { capacity: a.capacity } });
          redirect('list', 'appointments');
        },
        // The field the API named is marked by the form; the notice says why in the code's words
        // (an overlap names the post's clash, not the generic "form not valid").
        onError: (e: unknown) => notify(errorKey(errorCodeOf(e)), { type: 'error' }),
      }}
    >
      <SimpleForm defaultValues={{ role: 'head', kind: 'plh', ...(fixedOpd ? { opdId: ownOpd } : {}) }}>
        <ReferenceInput source="opdId" reference="opds" filter={{ active: true }} sort={{ field: 'name', order: 'ASC' }} perPage={200}>
          <SelectInput optionText="name" validate={required()} readOnly={!!fixedOpd} fullWidth />
        </ReferenceInput>
        <SelectInput
          source="role"
          choices={APPOINTABLE_ROLES.map((id) => ({ id, name: translate(`lt.appointments.position_role.${id}`) }))}
          validate={required()}
        />
        <TextInput
          source="positionTitle"
          validate={[minLength(3), maxLength(200)]}
          helperText={translate('lt.appointments.position_hint')}
          fullWidth
        />
        <RadioButtonGroupInput
          source="kind"
          choices={APPOINTMENT_KINDS.map((id) => ({ id, name: translate(`lt.appointments.kind.${id}`) }))}
          helperText={translate('lt.appointments.kind_hint')}
          validate={required()}
        />
        <ReferenceInput source="userId" reference="users" filter={{ active: true }} sort={{ field: 'fullName', order: 'ASC' }} perPage={50}>
          <AutocompleteInput
            optionText={(u: Person) => `${u.fullName} (${u.roles.map((r) => translate(`lt.role.${r}`)).join(', ')})`}
            filterToQuery={(q: string) => ({ q })}
            validate={required()}
            helperText={translate('lt.appointments.delegate_hint')}
            fullWidth
          />
        </ReferenceInput>
        <DateInput source="validFrom" validate={required()} helperText={translate('lt.appointments.period_hint')} />
        <DateInput source="validUntil" validate={[required(), notBeforeStart]} />
        <TextInput source="legalBasis" validate={maxLength(200)} fullWidth />
      </SimpleForm>
    </Create>
  );
}
