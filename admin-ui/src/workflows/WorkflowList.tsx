import { Datagrid, FunctionField, List, NumberField, TextField, useLocale } from 'react-admin';

type Name = string | { id: string; en: string };

export default function WorkflowList() {
  const locale = useLocale();
  return (
    <List resource="workflows" sort={{ field: 'key', order: 'ASC' }} exporter={false} actions={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="key" />
        <NumberField source="version" sortable={false} />
        <FunctionField<{ name: Name }>
          source="name"
          sortable={false}
          render={(r) => (typeof r.name === 'string' ? r.name : locale === 'en' ? r.name.en : r.name.id)}
        />
      </Datagrid>
    </List>
  );
}
