import {
  AutocompleteArrayInput,
  CheckboxGroupInput,
  ReferenceArrayInput,
  TextInput,
  email,
  maxLength,
  minLength,
  regex,
  required,
  useTranslate,
} from 'react-admin';
import type { WebhookSubscriberView } from '@layanan/contracts';
import { eventTypeChoices } from './choices';

/** What the API's Create/UpdateSubscriberDto accept; an empty URL means "API keys only", no OPD means every OPD. */
export function subscriberPayload(data: Partial<WebhookSubscriberView>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: data.name,
    url: data.url ? data.url : null,
    eventTypes: data.eventTypes ?? [],
    opdIds: data.opdIds?.length ? data.opdIds : null,
    contactEmail: data.contactEmail ? data.contactEmail.trim() : null,
  };
  if (data.active !== undefined) out.active = data.active;
  return out;
}

export function SubscriberInputs() {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="name" validate={[required(), minLength(2), maxLength(120)]} fullWidth />
      <TextInput
        source="url"
        fullWidth
        validate={[maxLength(2000), regex(/^https?:\/\//i, 'lt.integrations.url_http')]}
        helperText={translate('lt.integrations.url_hint')}
      />
      <TextInput
        source="contactEmail"
        type="email"
        fullWidth
        validate={[maxLength(254), email('lt.integrations.contact_email_invalid')]}
        helperText={translate('lt.integrations.contact_email_hint')}
      />
      <CheckboxGroupInput source="eventTypes" choices={eventTypeChoices} row={false} />
      <ReferenceArrayInput source="opdIds" reference="opds" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
        <AutocompleteArrayInput optionText="name" fullWidth helperText={translate('lt.integrations.opd_hint')} />
      </ReferenceArrayInput>
    </>
  );
}
