import { Datagrid, List, SelectField, TextField } from 'react-admin';
import { JakartaDateTimeField } from '../common/fields';
import { channelChoices, eventChoices, localeChoices } from './choices';

/** Citizen message templates, per event, channel and language. */
export default function TemplateList() {
  return (
    <List resource="notification-templates" pagination={false} perPage={100} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <SelectField source="event" choices={eventChoices} sortable={false} />
        <SelectField source="channel" choices={channelChoices} sortable={false} />
        <SelectField source="locale" choices={localeChoices} sortable={false} />
        <TextField source="subject" sortable={false} />
        <JakartaDateTimeField source="updatedAt" sortable={false} />
      </Datagrid>
    </List>
  );
}
