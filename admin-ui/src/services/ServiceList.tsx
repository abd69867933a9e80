import {
  BooleanField,
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useLocale,
  useTranslate,
} from 'react-admin';
import { formatRupiah } from '../common/format';
import { useWorkflowVersions } from '../workflows/useWorkflowVersions';

interface ServiceRow {
  slaAmount: number;
  slaUnit: 'days' | 'hours';
  feeAmount: number;
  workflowKey: string;
  workflowVersion: number;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="opdId" source="opdId" reference="opds" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput optionText="name" />
  </ReferenceInput>,
];

export default function ServiceList() {
  const translate = useTranslate();
  const locale = useLocale();
  const { label: workflowLabel } = useWorkflowVersions();
  return (
    <List
      resource="services"
      sort={{ field: 'name', order: 'ASC' }}
      filters={filters}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="code" />
        <TextField source="name" />
        <ReferenceField source="opdId" reference="opds" sortable={false}>
          <TextField source="shortName" />
        </ReferenceField>
        <NumberField source="version" sortable={false} />
        <FunctionField<ServiceRow> source="slaAmount" render={(r) => `${r.slaAmount} ${translate(`lt.sla_unit.${r.slaUnit}`)}`} />
        <FunctionField<ServiceRow>
          source="feeAmount"
          sortable={false}
          render={(r) => (r.feeAmount === 0 ? translate('lt.service.free') : formatRupiah(r.feeAmount, locale))}
        />
        <FunctionField<ServiceRow> source="workflowKey" sortable={false} render={(r) => workflowLabel(r.workflowKey, r.workflowVersion)} />
        <BooleanField source="active" sortable={false} />
      </Datagrid>
    </List>
  );
}
