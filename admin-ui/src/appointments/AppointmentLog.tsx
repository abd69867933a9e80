import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { AppointmentView } from '@layanan/contracts';
import { useLocale, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/format';
import { appointmentsApi } from './api';

/** An appointment's audit log (created, revoked), shown when its row is expanded. */
export function AppointmentLog() {
  const r = useRecordContext<AppointmentView>();
  const translate = useTranslate();
  const locale = useLocale();
  const { data = [] } = useQuery({ queryKey: ['appointment-log', r?.id], queryFn: () => appointmentsApi.log(r!.id), enabled: !!r });
  if (!r) return null;
  return (
    <div data-testid={`appointment-log-${r.id}`}>
      <Typography variant="subtitle2">{translate('lt.appointments.log')}</Typography>
      {r.legalBasis && (
        <Typography variant="body2">
          {translate('resources.appointments.fields.legalBasis')}: {r.legalBasis}
        </Typography>
      )}
      <List dense>
        {data.map((e) => (
          <ListItem key={e.id}>
            <ListItemText
              primary={
                e.action === 'created'
                  ? translate('lt.appointments.log_created', { name: e.actorName ?? '—' })
                  : translate('lt.appointments.log_revoked', { name: e.actorName ?? '—', reason: e.reason ?? '' })
              }
              secondary={formatDateTime(e.at, locale)}
            />
          </ListItem>
        ))}
      </List>
    </div>
  );
}
