import type { AppointmentView } from '@layanan/contracts';
import {
  BooleanInput,
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useCanAccess,
} from 'react-admin';
import { AppointmentClock, AppointmentKindChip, AppointmentPeriod, AppointmentStatusChip } from './AppointmentFields';
import { AppointmentLog } from './AppointmentLog';
import { RevokeButton } from './RevokeButton';

function Actions() {
  const { canAccess } = useCanAccess({ resource: 'appointments', action: 'create' });
  return <TopToolbar>{canAccess && <CreateButton />}</TopToolbar>;
}

/**
 * Plh./Plt. appointments the caller may see (the API keeps the head to their own OPD): newest
 * first, each with its period in whole WIB days, its status now (following the clock while the page
 * is open) and who appointed; a row opens its log.
 */
export default function AppointmentList() {
  const { canAccess: everyOpd } = useCanAccess({ resource: 'appointments', action: 'delete' });
  const filters = [
    <BooleanInput key="current" source="current" alwaysOn />,
    ...(everyOpd
      ? [
          <ReferenceInput key="opdId" source="opdId" reference="opds" sort={{ field: 'name', order: 'ASC' }} perPage={100}>
            <SelectInput optionText="name" />
          </ReferenceInput>,
        ]
      : []),
  ];
  return (
    <List
      resource="appointments"
      exporter={false}
      filters={filters}
      perPage={25}
      actions={<Actions />}
      sort={{ field: 'validFrom', order: 'DESC' }}
    >
      <AppointmentClock>
        <Datagrid bulkActionButtons={false} rowClick="expand" expand={<AppointmentLog />} data-testid="appointment-list">
          <FunctionField
            source="capacity"
            sortable={false}
            render={(r: AppointmentView) => <span data-testid={`appointment-capacity-${r.id}`}>{r.positionTitle}</span>}
          />
          <FunctionField source="kind" sortable={false} render={() => <AppointmentKindChip />} />
          <TextField source="opdName" sortable={false} />
          <TextField source="userName" sortable={false} />
          <FunctionField source="period" sortable={false} render={() => <AppointmentPeriod />} />
          <FunctionField source="status" sortable={false} render={() => <AppointmentStatusChip />} />
          <TextField source="createdByName" sortable={false} />
          <FunctionField source="id" label=" " sortable={false} render={() => <RevokeButton />} />
        </Datagrid>
      </AppointmentClock>
    </List>
  );
}
