// All times are shown in Kota Malang's zone, whatever the browser's zone is.
export const TIME_ZONE = 'Asia/Jakarta';

const tag = (locale: string): string => (locale === 'en' ? 'en-GB' : 'id-ID');

export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(tag(locale), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(value));
}

export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  // A bare calendar date (holidays) has no zone: format it as that day.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
  return new Intl.DateTimeFormat(tag(locale), {
    timeZone: TIME_ZONE,
    weekday: 'short',
    day: '2-digit',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function formatRupiah(value: number, locale: string): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(value);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
