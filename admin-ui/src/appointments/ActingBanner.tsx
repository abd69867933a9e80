import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { actingCapacity } from '@layanan/contracts';
import { useTranslate } from 'react-admin';
import { useTimerAt } from '../common/useTimerAt';
import { accessToken, forgetMe, loadMe } from '../providers/session';

/**
 * At the instant the API named for the user's Plh./Plt. powers to change (an appointment starts or
 * ends: MeResponse.actingChangesAt), reloads the identity and permissions and refetches every query,
 * so the banner, the badge, the menu and the queues follow without a reload. When the API still
 * names the same instant (this computer's clock runs ahead of the server's), asks again after
 * 1 s, 2 s, 4 s … (at most a minute).
 */
function useActingPowersFollowTheClock(changesAt: string | null | undefined): void {
  const queryClient = useQueryClient();
  const [retry, setRetry] = useState<{ at: string | null; tries: number }>({ at: null, tries: 0 });
  const tries = changesAt && retry.at === changesAt ? retry.tries : 0;
  useTimerAt(
    changesAt ? Date.parse(changesAt) : null,
    () => {
      forgetMe();
      void queryClient.invalidateQueries();
      setRetry({ at: changesAt ?? null, tries: tries + 1 });
    },
    tries === 0 ? 0 : Math.min(1000 * 2 ** (tries - 1), 60_000),
  );
}

/**
 * Tells a delegate in which capacity they act right now ("Plh. Kepala Dinas …"): the positions
 * GET /api/auth/me reports in force, one line each. Nothing for everyone else. Mounted in the
 * layout, it also keeps those powers in step with the clock (useActingPowersFollowTheClock).
 */
export function ActingBanner() {
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: ['auth-me'], queryFn: loadMe, enabled: !!accessToken() });
  useActingPowersFollowTheClock(data?.actingChangesAt);
  const grants = data?.acting ?? [];
  if (grants.length === 0) return null;
  return (
    <Stack spacing={1} sx={{ mb: 1 }}>
      {grants.map((g) => (
        <Alert key={g.appointmentId} severity="info" variant="outlined" data-testid="acting-banner">
          {translate('lt.appointments.banner', { capacity: actingCapacity(g) })}
        </Alert>
      ))}
    </Stack>
  );
}

/** On a case of an OPD where the user acts as Plh./Plt.: a badge naming the capacity their actions are recorded in. */
export function ActingBadge({ opdId }: { opdId: string }) {
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: ['auth-me'], queryFn: loadMe, enabled: !!accessToken() });
  const grants = (data?.acting ?? []).filter((g) => g.opdId === opdId);
  if (grants.length === 0) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
      {grants.map((g) => (
        <Chip
          key={g.appointmentId}
          color="info"
          size="small"
          label={translate('lt.appointments.badge', { capacity: actingCapacity(g) })}
          data-testid="acting-badge"
        />
      ))}
    </Stack>
  );
}
