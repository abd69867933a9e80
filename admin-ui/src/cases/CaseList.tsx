import Box from '@mui/material/Box';
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
  useGetIdentity,
  useLocale,
  useTranslate,
} from 'react-admin';
import { JakartaDateTimeField, SlaField } from '../common/fields';
import { useAbility } from '../common/useAbility';
import { BulkAssignButton } from './BulkAssignButton';
import { ClaimButton } from './ClaimButton';
import { stateChoices } from './caseStates';
import { QueueTabs, type Queue } from './QueueTabs';

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
      {canAccess && <CreateButton label="lt.menu.new_case" data-testid="new-case" />}
    </TopToolbar>
  );
}

/**
 * Case workers land in their inbox, heads on their OPD's queue, city-wide roles (no own
 * OPD) on the overdue queue, which is the one that spans every OPD for them.
 */
function useDefaultQueue(): Queue | undefined {
  const { identity, isPending } = useGetIdentity();
  if (isPending) return undefined;
  const roles = (identity?.roles as string[] | undefined) ?? [];
  if (roles.some((r) => r === 'officer' || r === 'verifier' || r === 'supervisor')) return 'mine';
  return roles.includes('head') ? 'opd' : 'overdue';
}

export default function CaseList() {
  const filters = useCaseFilters();
  const queue = useDefaultQueue();
  const ability = useAbility();
  const translate = useTranslate();
  const canAssign = ability?.can('assign', 'Case') ?? false;
  const canClaim = ability?.can('claim', 'Case') ?? false;
  if (!queue) return null;
  return (
    <List
      resource="cases"
      filters={filters}
      filterDefaultValues={{ queue }}
      sort={{ field: 'dueAt', order: 'ASC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={false}
    >
      <Box sx={{ px: 1 }}>
        <QueueTabs />
      </Box>
      <Datagrid rowClick="show" bulkActionButtons={canAssign ? <BulkAssignButton /> : false} sx={{ '& .RaDatagrid-rowCell': { py: 0.75 } }}>
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
        {canClaim && <ClaimButton />}
      </Datagrid>
    </List>
  );
}
