import { CreateButton, Datagrid, DeleteButton, List, SelectField, SelectInput, TextField, TopToolbar } from 'react-admin';
import { holidayKindChoices } from '../common/choices';
import { JakartaDateTimeField } from '../common/fields';

const filters = [<SelectInput key="kind" source="kind" choices={holidayKindChoices} />];

export default function HolidayList() {
  return (
    <List
      resource="holidays"
      sort={{ field: 'date', order: 'DESC' }}
      filters={filters}
      perPage={50}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <JakartaDateTimeField source="date" dateOnly />
        <TextField source="name" sortable={false} />
        <SelectField source="kind" choices={holidayKindChoices} sortable={false} />
        <TextField source="source" sortable={false} />
        <DeleteButton mutationMode="pessimistic" />
      </Datagrid>
    </List>
  );
}
