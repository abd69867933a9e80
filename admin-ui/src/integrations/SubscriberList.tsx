import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import type { WebhookSubscriberView } from '@layanan/contracts';
import {
  BooleanField,
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  ReferenceArrayField,
  SingleFieldList,
  ChipField,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { JakartaDateTimeField } from '../common/fields';
import { eventTypeKey } from './choices';

function EventTypes({ r }: { r: WebhookSubscriberView }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {r.eventTypes.map((t) => (
        <Chip key={t} size="small" label={translate(eventTypeKey(t))} />
      ))}
    </Stack>
  );
}

/** Integration partners: other agencies' systems that receive signed webhooks and/or call the integration API. */
export default function SubscriberList() {
  const translate = useTranslate();
  return (
    <List
      resource="webhook-subscribers"
      exporter={false}
      pagination={false}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="name" sortable={false} />
        <FunctionField source="url" sortable={false} render={(r: WebhookSubscriberView) => r.url ?? translate('lt.integrations.no_url')} />
        <FunctionField source="eventTypes" sortable={false} render={(r: WebhookSubscriberView) => <EventTypes r={r} />} />
        <FunctionField
          source="opdIds"
          sortable={false}
          render={(r: WebhookSubscriberView) =>
            r.opdIds ? (
              <ReferenceArrayField source="opdIds" reference="opds">
                <SingleFieldList linkType={false}>
                  <ChipField source="shortName" size="small" />
                </SingleFieldList>
              </ReferenceArrayField>
            ) : (
              translate('lt.integrations.all_opds')
            )
          }
        />
        <BooleanField source="active" sortable={false} />
        <FunctionField
          source="suspendedAt"
          sortable={false}
          render={(r: WebhookSubscriberView) =>
            r.suspendedAt ? (
              <Chip size="small" color="warning" label={translate('lt.integrations.suspended')} data-testid={`suspended-${r.name}`} />
            ) : null
          }
        />
        <JakartaDateTimeField source="createdAt" sortable={false} />
      </Datagrid>
    </List>
  );
}
