import { BooleanField, CreateButton, Datagrid, List, SelectField, TextField, TopToolbar } from 'react-admin';
import { opdKindChoices } from '../common/choices';

export default function OpdList() {
  return (
    <List
      resource="opds"
      sort={{ field: 'name', order: 'ASC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="edit">
        <TextField source="code" />
        <TextField source="name" />
        <TextField source="shortName" sortable={false} />
        <SelectField source="kind" choices={opdKindChoices} />
        <BooleanField source="active" sortable={false} />
      </Datagrid>
    </List>
  );
}
