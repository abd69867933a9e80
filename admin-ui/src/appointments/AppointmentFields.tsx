import Chip from '@mui/material/Chip';
import type { AppointmentStatus, AppointmentView } from '@layanan/contracts';
import { useLocale, useRecordContext, useTranslate } from 'react-admin';
import { formatDate } from '../common/format';

const STATUS_COLOURS: Record<AppointmentStatus, 'success' | 'info' | 'default' | 'warning'> = {
  active: 'success',
  upcoming: 'info',
  ended: 'default',
  revoked: 'warning',
};

export function AppointmentStatusChip() {
  const r = useRecordContext<AppointmentView>();
  const translate = useTranslate();
  if (!r) return null;
  return (
    <Chip
      size="small"
      color={STATUS_COLOURS[r.status]}
      label={translate(`lt.appointments.status.${r.status}`)}
      data-testid={`appointment-status-${r.status}`}
    />
  );
}

export function AppointmentKindChip() {
  const r = useRecordContext<AppointmentView>();
  const translate = useTranslate();
  if (!r) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={translate(`lt.appointments.kind_short.${r.kind}`)}
      title={translate(`lt.appointments.kind.${r.kind}`)}
    />
  );
}

/** "Sen, 07 Desember 2026 s.d. Jum, 11 Desember 2026": whole WIB days. */
export function AppointmentPeriod() {
  const r = useRecordContext<AppointmentView>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!r) return null;
  return (
    <span className="lt-period">
      {translate('lt.appointments.period', { from: formatDate(r.validFrom, locale), until: formatDate(r.validUntil, locale) })}
    </span>
  );
}
