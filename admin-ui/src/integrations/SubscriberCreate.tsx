import type { WebhookSubscriberView } from '@layanan/contracts';
import { useState } from 'react';
import { Create, SimpleForm } from 'react-admin';
import { useNavigate } from 'react-router';
import { OneTimeSecret } from './OneTimeSecret';
import { SubscriberInputs, subscriberPayload } from './SubscriberInputs';

/** Registers a partner; its signing secret is shown once, then the partner's page opens. */
export default function SubscriberCreate() {
  const navigate = useNavigate();
  const [created, setCreated] = useState<WebhookSubscriberView | null>(null);
  return (
    <>
      <Create
        resource="webhook-subscribers"
        transform={subscriberPayload}
        mutationOptions={{ onSuccess: (data: WebhookSubscriberView) => setCreated(data) }}
      >
        <SimpleForm defaultValues={{ eventTypes: [], opdIds: [] }}>
          <SubscriberInputs />
        </SimpleForm>
      </Create>
      <OneTimeSecret
        title="lt.integrations.secret_title"
        value={created ? (created.secret ?? '') : null}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) void navigate(`/webhook-subscribers/${encodeURIComponent(id)}`);
        }}
      />
    </>
  );
}
