import Chip from '@mui/material/Chip';
import Box from '@mui/material/Box';
import TablePagination from '@mui/material/TablePagination';
import { useMemo } from 'react';
import type { CaseSummary } from '@layanan/contracts';
import {
  AutocompleteInput,
  Datagrid,
  DateInput,
  FilterButton,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  CreateButton,
  useCanAccess,
  useListContext,
  useLocale,
  useTranslate,
} from 'react-admin';
import { JakartaDateTimeField, SlaField } from '../common/fields';
import { useAbility } from '../common/useAbility';
import { useQueueCounts } from '../common/useQueueCounts';
import { BulkApproveButton } from './BulkApproveButton';
import { BulkAssignButton } from './BulkAssignButton';
import { ClaimButton } from './ClaimButton';
import { stateChoices } from './caseStates';
import { QueueTabs, type Queue } from './QueueTabs';
import { CaseListExport } from '../reports/CaseListExport';

function useCaseFilters() {
  const locale = useLocale();
  const translate = useTranslate();
  return useMemo(
    () => [
      <SearchInput
        key="q"
        source="q"
        alwaysOn
        placeholder={translate('lt.filter.q')}
        slotProps={{ htmlInput: { 'data-testid': 'case-search' } }}
      />,
      <ReferenceInput key="serviceId" source="serviceId" reference="services" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput optionText="name" label="resources.cases.fields.serviceId" />
      </ReferenceInput>,
      <SelectInput key="state" source="state" choices={stateChoices(locale)} />,
      <DateInput key="submittedFrom" source="submittedFrom" />,
      <DateInput key="submittedTo" source="submittedTo" />,
    ],
    [locale, translate],
  );
}

function ListActions() {
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'create' });
  return (
    <TopToolbar>
      <FilterButton />
      <CaseListExport />
      {canAccess && <CreateButton label="lt.menu.new_case" data-testid="new-case" />}
    </TopToolbar>
  );
}

/**
 * Where the user lands: the API names it with their queues (deciders on what waits on them,
 * case workers on their inbox, accounts without an OPD on the city-wide list).
 */
function useDefaultQueue(): Queue | undefined {
  return useQueueCounts()?.defaultQueue;
}

/**
 * Pages with an honest range: "1-25 dari 300" when the API counted them all, "1-25 dari lebih
 * dari 250" when its count stopped at the cap (the data provider then gives no total, only
 * `meta.atLeast` and whether a next page exists).
 */
function CasePagination() {
  const translate = useTranslate();
  const list = useListContext();
  const { isPending, page, perPage, total, hasNextPage, setPage, setPerPage } = list;
  // react-admin types a response's `meta` as `any`; the data provider puts `atLeast` there.
  const atLeast = (list.meta as { atLeast?: number } | undefined)?.atLeast;
  if (isPending || total === 0) return null;
  return (
    <TablePagination
      component="div"
      data-testid="case-pagination"
      count={total ?? -1}
      page={page - 1}
      rowsPerPage={perPage}
      rowsPerPageOptions={[10, 25, 50, 100]}
      onPageChange={(_e, p) => setPage(p + 1)}
      onRowsPerPageChange={(e) => setPerPage(Number(e.target.value))}
      slotProps={{ actions: { nextButton: { disabled: total === undefined ? !hasNextPage : page * perPage >= total } } }}
      labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
      labelDisplayedRows={({ from, to, count }) =>
        count === -1
          ? translate('lt.list.range_more_than', { from, to, more: Math.max((atLeast ?? to + 1) - 1, to) })
          : translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })
      }
    />
  );
}

/** Bulk assignment for those who assign; bulk approval in the queue of what waits on the user's decision. */
function CaseBulkActions({ canAssign }: { canAssign: boolean }) {
  const ability = useAbility();
  const list = useListContext();
  // react-admin types a list's filter state as `any`.
  const queue = (list.filterValues as Record<string, unknown>).queue;
  const deciding = queue === 'waiting' && (ability?.can('act', 'Case') ?? false);
  return (
    <>
      {deciding && <BulkApproveButton />}
      {canAssign && <BulkAssignButton />}
    </>
  );
}

export default function CaseList() {
  const filters = useCaseFilters();
  const queue = useDefaultQueue();
  const ability = useAbility();
  const translate = useTranslate();
  const canAssign = ability?.can('assign', 'Case') ?? false;
  const canClaim = ability?.can('claim', 'Case') ?? false;
  const canAct = ability?.can('act', 'Case') ?? false;
  if (!queue) return null;
  return (
    <List
      resource="cases"
      filters={filters}
      filterDefaultValues={{ queue }}
      sort={{ field: 'dueAt', order: 'ASC' }}
      perPage={25}
      pagination={<CasePagination />}
      actions={<ListActions />}
      exporter={false}
    >
      <Box sx={{ px: 1 }}>
        <QueueTabs />
      </Box>
      <Datagrid
        rowClick="show"
        bulkActionButtons={canAssign || canAct ? <CaseBulkActions canAssign={canAssign} /> : false}
        sx={{ '& .RaDatagrid-rowCell': { py: 0.75 } }}
      >
        <FunctionField<CaseSummary>
          source="trackingCode"
          sortable={false}
          render={(r) => (
            <a
              href={`#/cases/${encodeURIComponent(r.id)}/show`}
              data-testid={`case-link-${r.trackingCode}`}
              onClick={(e) => e.stopPropagation()}
              style={{ fontFamily: 'monospace', fontWeight: 600, whiteSpace: 'nowrap' }}
            >
              {r.trackingCode}
            </a>
          )}
        />
        <TextField source="applicantName" sortable={false} />
        <TextField source="applicantNik" sortable={false} />
        <TextField source="serviceName" sortable={false} />
        <TextField source="stateLabel" sortable={false} />
        <FunctionField<CaseSummary> source="assigneeName" sortable={false} render={(r) => r.assigneeName ?? translate('lt.common.none')} />
        <JakartaDateTimeField source="submittedAt" />
        <JakartaDateTimeField source="dueAt" />
        <SlaField source="slaStatus" sortable={false} />
        <FunctionField<CaseSummary>
          source="consultDueAt"
          sortable={false}
          render={(r) =>
            r.consultDueAt ? (
              <Chip
                size="small"
                variant={r.consultOverdue ? 'filled' : 'outlined'}
                color={r.consultOverdue ? 'error' : 'default'}
                label={translate(r.consultOverdue ? 'lt.consults.case_badge' : 'lt.consults.case_badge_open')}
                data-testid={r.consultOverdue ? `consult-overdue-${r.trackingCode}` : `consult-open-${r.trackingCode}`}
              />
            ) : null
          }
        />
        {canClaim && <ClaimButton />}
      </Datagrid>
    </List>
  );
}
