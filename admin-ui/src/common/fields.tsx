import Chip from '@mui/material/Chip';
import type { SlaStatus } from '@layanan/contracts';
import { useFieldValue, useLocale, useTranslate, type FieldProps } from 'react-admin';
import { formatDate, formatDateTime } from './format';

/** A date-time shown in Asia/Jakarta, in the current UI language. */
export function JakartaDateTimeField(props: FieldProps & { dateOnly?: boolean }) {
  const value = useFieldValue(props) as string | null | undefined;
  const locale = useLocale();
  return <span className="lt-datetime">{props.dateOnly ? formatDate(value, locale) : formatDateTime(value, locale)}</span>;
}

const SLA_COLORS: Record<SlaStatus, 'success' | 'warning' | 'error' | 'default' | 'info'> = {
  on_time: 'success',
  due_soon: 'warning',
  overdue: 'error',
  paused: 'default',
  done: 'info',
};

export function SlaBadge({ status }: { status: SlaStatus }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={SLA_COLORS[status] ?? 'default'}
      label={translate(`lt.sla.${status}`, { _: status })}
      data-testid={`sla-${status}`}
    />
  );
}

export function SlaField(props: FieldProps) {
  const value = useFieldValue(props) as SlaStatus | undefined;
  return value ? <SlaBadge status={value} /> : null;
}
