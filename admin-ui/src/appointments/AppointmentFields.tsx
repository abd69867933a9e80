import Chip from '@mui/material/Chip';
import { createContext, useContext, type ReactNode } from 'react';
import { appointmentStatusAt, nextAppointmentChange, type AppointmentStatus, type AppointmentView } from '@layanan/contracts';
import { useListContext, useLocale, useRecordContext, useTranslate } from 'react-admin';
import { formatDate } from '../common/format';
import { useNowUntil } from '../common/useTimerAt';

const STATUS_COLOURS: Record<AppointmentStatus, 'success' | 'info' | 'default' | 'warning'> = {
  active: 'success',
  upcoming: 'info',
  ended: 'default',
  revoked: 'warning',
};

const ListNow = createContext<number | null>(null);

/**
 * The time the listed appointments' status is read at: rendered anew at the next instant one of
 * them starts or ends (a timer to that instant), so a status changes while the page is open.
 */
export function AppointmentClock({ children }: { children: ReactNode }) {
  const { data } = useListContext<AppointmentView>();
  const now = useNowUntil((at) => nextAppointmentChange(data ?? [], at));
  return <ListNow.Provider value={now}>{children}</ListNow.Provider>;
}

/** The appointment's status by this computer's clock inside an AppointmentClock, else as the API said. */
export function useAppointmentStatus(r: AppointmentView | undefined): AppointmentStatus | undefined {
  const now = useContext(ListNow);
  if (!r) return undefined;
  return now === null ? r.status : appointmentStatusAt(r, now);
}

export function AppointmentStatusChip() {
  const r = useRecordContext<AppointmentView>();
  const status = useAppointmentStatus(r);
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={STATUS_COLOURS[status]}
      label={translate(`lt.appointments.status.${status}`)}
      data-testid={`appointment-status-${status}`}
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
