import { Datagrid, List, SelectField, SelectInput, TextField } from 'react-admin';
import { JakartaDateTimeField } from '../common/fields';
import { channelChoices } from './choices';
import { DeliveryCaseField, DeliveryErrorField, RetryButton, StatusChip } from './DeliveryFields';

const statusChoices = ['pending', 'failing', 'paused', 'dead', 'delivered'].map((id) => ({ id, name: `lt.notify.status.${id}` }));

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="channel" source="channel" choices={channelChoices} alwaysOn />,
];

/** Pengiriman: every citizen message and webhook call, failing and dead ones first to look at, with the last error and a retry. */
export default function DeliveryList() {
  return (
    <List resource="deliveries" filters={filters} filterDefaultValues={{ status: 'failing' }} perPage={50} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <JakartaDateTimeField source="createdAt" sortable={false} />
        <SelectField source="channel" choices={channelChoices} sortable={false} />
        <TextField source="event" sortable={false} />
        <TextField source="recipient" sortable={false} />
        <DeliveryCaseField />
        <StatusChip />
        <TextField source="attempts" sortable={false} />
        <JakartaDateTimeField source="nextAttemptAt" sortable={false} />
        <DeliveryErrorField />
        <RetryButton />
      </Datagrid>
    </List>
  );
}
