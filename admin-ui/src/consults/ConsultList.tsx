// "Permintaan Pertimbangan": the consult queue. Tabs for the side (asked of my OPD / asked by my
// OPD) and a status filter (open, overdue, answered, withdrawn); overdue ones are flagged, and
// reminded / escalated ones (the follow-up job) marked "Diingatkan" / "Dieskalasi".
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { CONSULT_QUEUE_STATUSES, type ConsultView } from '@layanan/contracts';
import { Datagrid, FunctionField, List, SelectInput, TextField, useListContext, useTranslate } from 'react-admin';
import { JakartaDateTimeField } from '../common/fields';
import { ConsultFollowUpChip, ConsultStatusChip } from './ConsultStatusChip';

function SideTabs() {
  const translate = useTranslate();
  const list = useListContext();
  const filterValues = list.filterValues as Record<string, unknown>;
  const side = typeof filterValues.side === 'string' ? filterValues.side : 'incoming';
  return (
    <Tabs value={side} onChange={(_e, v: string) => list.setFilters({ ...filterValues, side: v }, {})} sx={{ mb: 1 }}>
      {(['incoming', 'outgoing'] as const).map((s) => (
        <Tab key={s} value={s} label={translate(`lt.consults.side.${s}`)} data-testid={`consult-side-${s}`} />
      ))}
    </Tabs>
  );
}

function useFilters() {
  const translate = useTranslate();
  return [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={CONSULT_QUEUE_STATUSES.map((s) => ({ id: s, name: translate(`lt.consults.status.${s}`) }))}
    />,
  ];
}

export default function ConsultList() {
  return (
    <List
      resource="consults"
      sort={{ field: 'dueAt', order: 'ASC' }}
      filters={useFilters()}
      filterDefaultValues={{ side: 'incoming', status: 'open' }}
      exporter={false}
    >
      <SideTabs />
      <Datagrid bulkActionButtons={false} rowClick="show" data-testid="consult-list">
        <TextField source="trackingCode" sortable={false} />
        <FunctionField<ConsultView>
          source="status"
          sortable={false}
          render={(r) => (
            <Stack direction="row" spacing={0.5}>
              <ConsultStatusChip status={r.status} overdue={r.overdue} />
              <ConsultFollowUpChip consult={r} />
            </Stack>
          )}
        />
        <TextField source="requesterOpdName" sortable={false} />
        <TextField source="consultedOpdName" sortable={false} />
        <FunctionField<ConsultView>
          source="question"
          sortable={false}
          render={(r) => (r.question.length > 80 ? `${r.question.slice(0, 80)}…` : r.question)}
        />
        <JakartaDateTimeField source="requestedAt" />
        <JakartaDateTimeField source="dueAt" />
      </Datagrid>
    </List>
  );
}
