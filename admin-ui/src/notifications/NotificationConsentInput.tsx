import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from '@layanan/contracts';
import { CheckboxGroupInput, useTranslate } from 'react-admin';
import { API_URL } from '../providers/session';

/** Which channels this installation can send on (the same answer the portal gets). */
export function useEnabledChannels(): NotificationChannel[] | undefined {
  const { data } = useQuery({
    queryKey: ['notifications', 'channels'],
    queryFn: async () => {
      const res = await fetch(`${API_URL}/public/notification-channels`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as Record<NotificationChannel, boolean>;
    },
    staleTime: 5 * 60_000,
  });
  return data ? NOTIFICATION_CHANNELS.filter((c) => data[c]) : undefined;
}

/** The applicant's channel choice at the counter (`notifications.channels`), offering only channels that work here. */
export function NotificationConsentInput() {
  const translate = useTranslate();
  const enabled = useEnabledChannels();
  if (!enabled) return null;
  return (
    <>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('lt.notify.consent.title')}
      </Typography>
      {enabled.length === 0 ? (
        <Alert severity="warning" sx={{ my: 1 }} data-testid="new-case-no-notifications">
          {translate('lt.notify.consent.none_available')}
        </Alert>
      ) : (
        <CheckboxGroupInput
          source="notifications.channels"
          label={false}
          helperText={translate('lt.notify.consent.hint')}
          choices={enabled.map((id) => ({ id, name: `lt.notify.consent.${id}` }))}
          data-testid="new-case-channels"
        />
      )}
    </>
  );
}
