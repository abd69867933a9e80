// The filter bar of the reports area (ReportsPage) and the IKM report (IkmPage): a period
// picker, then the OPD (city-wide readers only) and service selects within the caller's
// readReport rules, then whatever the page adds (the figures' "as of").
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { useAbility } from '../common/useAbility';
import type { Period, Preset, Scope } from './period';

/** Leadership reads every OPD's figures (a readReport rule without conditions); heads and kasi their own. */
export function useCityWide(): boolean {
  const ability = useAbility();
  return ability?.rulesFor('readReport', 'Report').some((r) => !r.conditions) ?? false;
}

interface Props {
  /** The test-id prefix of the inputs: `${prefix}-opd`, `${prefix}-service`, the period's own. */
  prefix: string;
  /** The period inputs (PresetPeriodPicker or MonthRangePicker). */
  period: ReactNode;
  scope: Scope;
  onScope: (s: Scope) => void;
  /** After the selects (e.g. the figures' "as of"). */
  children?: ReactNode;
}

export function ReportFilters({ prefix, period, scope, onScope, children }: Props) {
  const translate = useTranslate();
  const t = (k: string) => translate(`lt.reports.${k}`);
  const cityWide = useCityWide();
  const opds = useGetList<{ id: string; name: string; shortName?: string | null }>(
    'opds',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: cityWide },
  );
  const services = useGetList<{ id: string; name: string }>('services', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
    // scope "reports": only the services of the OPDs whose figures the caller may read (the API filters in SQL).
    filter: scope.opdId ? { scope: 'reports', opdId: scope.opdId } : { scope: 'reports' },
  });
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2, mt: 2, alignItems: { md: 'center' }, flexWrap: 'wrap' }}>
      {period}
      {cityWide && (
        <TextField
          select
          size="small"
          label={t('opd')}
          value={scope.opdId ?? ''}
          // A new OPD drops the service: it may belong to another OPD.
          onChange={(e) => onScope({ opdId: e.target.value || undefined })}
          sx={{ minWidth: 200 }}
          slotProps={{ select: { inputProps: { 'data-testid': `${prefix}-opd` } } }}
        >
          <MenuItem value="">{t('all_opds')}</MenuItem>
          {(opds.data ?? []).map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.shortName ?? o.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      <TextField
        select
        size="small"
        label={t('service')}
        value={scope.serviceId ?? ''}
        onChange={(e) => onScope({ ...scope, serviceId: e.target.value || undefined })}
        sx={{ minWidth: 220 }}
        slotProps={{ select: { inputProps: { 'data-testid': `${prefix}-service` } } }}
      >
        <MenuItem value="">{t('all_services')}</MenuItem>
        {(services.data ?? []).map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      {children}
    </Stack>
  );
}

/** This month, last month, or a custom range of days. */
export function PresetPeriodPicker({
  preset,
  onPreset,
  custom,
  onCustom,
}: {
  preset: Preset;
  onPreset: (p: Preset) => void;
  custom: Period;
  onCustom: (p: Period) => void;
}) {
  const translate = useTranslate();
  const t = (k: string) => translate(`lt.reports.${k}`);
  return (
    <>
      <TextField
        select
        size="small"
        label={t('period')}
        value={preset}
        onChange={(e) => onPreset(e.target.value as Preset)}
        sx={{ minWidth: 160 }}
        slotProps={{ select: { inputProps: { 'data-testid': 'report-period' } } }}
      >
        {(['this_month', 'last_month', 'custom'] as const).map((p) => (
          <MenuItem key={p} value={p} data-testid={`report-period-${p}`}>
            {t(p)}
          </MenuItem>
        ))}
      </TextField>
      {preset === 'custom' && <RangeInputs type="date" prefix="report" value={custom} onChange={onCustom} />}
    </>
  );
}

/** A range of months (YYYY-MM), empty meaning the report's default. */
export function MonthRangePicker({
  prefix,
  value,
  onChange,
  labels,
}: {
  prefix: string;
  value: Partial<Period>;
  onChange: (p: Partial<Period>) => void;
  labels: Record<'from' | 'to', string>;
}) {
  return <RangeInputs type="month" prefix={prefix} value={value} onChange={onChange} labels={labels} />;
}

function RangeInputs<P extends Partial<Period>>({
  type,
  prefix,
  value,
  onChange,
  labels,
}: {
  type: 'date' | 'month';
  prefix: string;
  value: P;
  onChange: (p: P) => void;
  labels?: Record<'from' | 'to', string>;
}) {
  const translate = useTranslate();
  return (
    <>
      {(['from', 'to'] as const).map((k) => (
        <TextField
          key={k}
          size="small"
          type={type}
          label={labels?.[k] ?? translate(`lt.reports.${k}`)}
          value={value[k] ?? ''}
          onChange={(e) => onChange({ ...value, [k]: e.target.value || undefined })}
          sx={{ width: 180 }}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `${prefix}-${k}` } }}
        />
      ))}
    </>
  );
}
