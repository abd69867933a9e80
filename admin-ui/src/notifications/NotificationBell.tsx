import NotificationsIcon from '@mui/icons-material/Notifications';
import Badge from '@mui/material/Badge';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffNotificationView } from '@layanan/contracts';
import { useState, type MouseEvent } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../common/format';
import { notificationsApi } from './api';

/** How often an open console asks whether the inbox changed (a 304 while it did not). */
export const BELL_POLL_MS = 5_000;

/**
 * The staff bell: unread count polled with ETag (no reload needed), the newest notices in a
 * popover, each opening its case and marked read on the way.
 */
export function NotificationBell() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const summary = useQuery({
    queryKey: ['notifications', 'summary'],
    queryFn: notificationsApi.summary,
    refetchInterval: BELL_POLL_MS,
    refetchIntervalInBackground: false,
  });
  const latestId = summary.data?.latestId ?? null;
  const list = useQuery({
    // Keyed on the newest id: a new notice refetches the list, a 304 does not.
    queryKey: ['notifications', 'list', latestId],
    queryFn: notificationsApi.list,
    enabled: anchor !== null,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });

  const open = async (n: StaffNotificationView) => {
    setAnchor(null);
    if (!n.readAt) await notificationsApi.markRead(n.id).catch(() => undefined);
    void refresh();
    if (n.caseId) void navigate(`/cases/${encodeURIComponent(n.caseId)}/show`);
    else if (n.kind === 'export_ready') void navigate('/exports');
    else if ((n.kind === 'webhook_suspended' || n.kind === 'webhook_resumed') && typeof n.data.subscriberId === 'string')
      void navigate(`/webhook-subscribers/${encodeURIComponent(n.data.subscriberId)}`);
  };
  const readAll = async () => {
    await notificationsApi.markAllRead();
    void refresh();
  };
  const unread = summary.data?.unread ?? 0;

  return (
    <>
      <Tooltip title={translate('lt.notify.bell')}>
        <IconButton
          color="inherit"
          aria-label={translate('lt.notify.bell_count', { smart_count: unread })}
          data-testid="notification-bell"
          onClick={(e: MouseEvent<HTMLElement>) => setAnchor(e.currentTarget)}
        >
          <Badge badgeContent={unread} color="error" max={99} data-testid="notification-count">
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Stack sx={{ width: 380, maxHeight: 480 }} data-testid="notification-list">
          <Stack direction="row" sx={{ px: 2, py: 1, alignItems: 'center', justifyContent: 'space-between' }}>
            <Typography variant="subtitle1">{translate('lt.notify.title')}</Typography>
            <Button size="small" onClick={() => void readAll()} disabled={unread === 0} data-testid="notification-read-all">
              {translate('lt.notify.read_all')}
            </Button>
          </Stack>
          {list.data?.length === 0 && (
            <Typography sx={{ px: 2, pb: 2 }} color="text.secondary">
              {translate('lt.notify.empty')}
            </Typography>
          )}
          <List dense sx={{ overflowY: 'auto' }}>
            {list.data?.map((n) => (
              <ListItemButton
                key={n.id}
                onClick={() => void open(n)}
                selected={!n.readAt}
                data-testid="notification-item"
                data-unread={n.readAt ? 'false' : 'true'}
              >
                <ListItemText
                  primary={translate(`lt.notify.kind.${n.kind}`, {
                    code: n.trackingCode ?? '',
                    service: typeof n.data.serviceName === 'string' ? n.data.serviceName : '',
                    opd: typeof n.data.opdName === 'string' ? n.data.opdName : '',
                    rows: typeof n.data.rows === 'number' ? n.data.rows.toLocaleString(locale) : '',
                    partner: typeof n.data.subscriberName === 'string' ? n.data.subscriberName : '',
                  })}
                  secondary={formatDateTime(n.createdAt, locale)}
                  slotProps={{ primary: { sx: { fontWeight: n.readAt ? 'normal' : 'bold' } } }}
                />
              </ListItemButton>
            ))}
          </List>
        </Stack>
      </Popover>
    </>
  );
}
