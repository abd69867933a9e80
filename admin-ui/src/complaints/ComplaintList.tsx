import { Datagrid, FunctionField, List, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { COMPLAINT_STATES, type ComplaintSummary } from '@layanan/contracts';
import { JakartaDateTimeField } from '../common/fields';
import { ComplaintReportPanel } from './ComplaintReportPanel';
import { ComplaintStateChip } from './ComplaintStateChip';

function useFilters() {
  const translate = useTranslate();
  return [
    <TextInput key="q" source="q" label="lt.complaints.search" alwaysOn />,
    <SelectInput
      key="state"
      source="state"
      alwaysOn
      choices={COMPLAINT_STATES.map((s) => ({ id: s, name: translate(`lt.complaints.state.${s}`) }))}
    />,
  ];
}

export default function ComplaintList() {
  return (
    <List
      resource="complaints"
      sort={{ field: 'receivedAt', order: 'DESC' }}
      filters={useFilters()}
      exporter={false}
      aside={<ComplaintReportPanel />}
    >
      <Datagrid bulkActionButtons={false} rowClick="show" data-testid="complaint-list">
        <TextField source="trackingCode" sortable={false} />
        <FunctionField<ComplaintSummary>
          source="state"
          sortable={false}
          render={(r) => <ComplaintStateChip state={r.state} overdue={r.overdue} />}
        />
        <TextField source="serviceName" sortable={false} emptyText="—" />
        <TextField source="caseTrackingCode" sortable={false} emptyText="—" />
        <TextField source="complainantName" sortable={false} />
        <JakartaDateTimeField source="receivedAt" />
        <JakartaDateTimeField source="dueAt" />
      </Datagrid>
    </List>
  );
}
