import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { actingCapacity } from '@layanan/contracts';
import { useTranslate } from 'react-admin';
import { accessToken, loadMe } from '../providers/session';

/**
 * Tells a delegate in which capacity they act right now ("Plh. Kepala Dinas …"): the positions
 * GET /api/auth/me reports in force, one line each. Nothing for everyone else.
 */
export function ActingBanner() {
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: ['auth-me'], queryFn: loadMe, enabled: !!accessToken() });
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
