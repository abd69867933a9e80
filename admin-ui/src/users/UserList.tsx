import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import {
  BooleanField,
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import type { Role } from '@layanan/contracts';
import { JakartaDateTimeField } from '../common/fields';
import { ReassignButton } from '../leaves/ReassignButton';
import { roleChoices } from '../common/choices';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="opdId" source="opdId" reference="opds" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <SelectInput key="role" source="role" choices={roleChoices} label="resources.users.fields.roles" />,
];

function Roles({ roles }: { roles: Role[] }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {roles.map((r) => (
        <Chip key={r} size="small" label={translate(`lt.role.${r}`)} />
      ))}
    </Stack>
  );
}

export default function UserList() {
  return (
    <List
      resource="users"
      filters={filters}
      sort={{ field: 'username', order: 'ASC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton data-testid="user-create" />
        </TopToolbar>
      }
    >
      <Datagrid rowClick="edit">
        <TextField source="username" />
        <TextField source="fullName" />
        <FunctionField<{ roles: Role[] }> source="roles" sortable={false} render={(r) => <Roles roles={r.roles} />} />
        <ReferenceField source="opdId" reference="opds" sortable={false} emptyText="—">
          <TextField source="shortName" />
        </ReferenceField>
        <BooleanField source="active" sortable={false} />
        <JakartaDateTimeField source="lastLoginAt" />
        <JakartaDateTimeField source="lockedUntil" sortable={false} />
        <FunctionField<{ id: string; fullName: string }>
          label="lt.leaves.reassign"
          sortable={false}
          render={(r) => (
            <span onClick={(e) => e.stopPropagation()}>
              <ReassignButton userId={r.id} fullName={r.fullName} />
            </span>
          )}
        />
      </Datagrid>
    </List>
  );
}
