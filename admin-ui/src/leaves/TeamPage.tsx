import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment, useState } from 'react';
import type { Role } from '@layanan/contracts';
import { Title, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { LeavePanel } from './LeavePanel';
import { ReassignButton } from './ReassignButton';

interface TeamMember {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
}

/** "Tim & Cuti" for the section head: the OPD's active staff, their leave, and reassigning a member's open cases. */
export default function TeamPage() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const opdId = (identity as { opdId?: string | null } | undefined)?.opdId ?? null;
  const [open, setOpen] = useState<string | null>(null);
  const { data = [] } = useGetList<TeamMember>(
    'users',
    { filter: { opdId, active: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'fullName', order: 'ASC' } },
    { enabled: opdId !== null },
  );
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('lt.leaves.team')} />
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.users.fields.fullName')}</TableCell>
            <TableCell>{translate('resources.users.fields.roles')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((u) => (
            <Fragment key={u.id}>
              <TableRow data-testid={`team-${u.username}`}>
                <TableCell>{u.fullName}</TableCell>
                <TableCell>{u.roles.map((r) => translate(`lt.role.${r}`)).join(', ')}</TableCell>
                <TableCell align="right">
                  <Button onClick={() => setOpen(open === u.id ? null : u.id)} data-testid="team-leave">
                    {translate('lt.leaves.title')}
                  </Button>{' '}
                  <ReassignButton userId={u.id} fullName={u.fullName} />
                </TableCell>
              </TableRow>
              {open === u.id && (
                <TableRow>
                  <TableCell colSpan={3}>
                    <LeavePanel userId={u.id} />
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
