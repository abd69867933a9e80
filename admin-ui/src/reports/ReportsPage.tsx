import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type {
  BacklogReport,
  OfficersReport,
  OpdsReport,
  ReportGrain,
  ReportName,
  ReportQuery,
  ServicesReport,
  SlaReport,
  StagesReport,
  ThroughputReport,
} from '@layanan/contracts';
import { useMemo, useState, type ReactNode } from 'react';
import { Loading, Title, useCanAccess, useDataProvider, useLocale, useTranslate } from 'react-admin';
import { Link as RouterLink, useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime, formatPercent } from '../common/format';
import { ComplaintReportSection } from '../complaints/ComplaintReportSection';
import { ConsultReportSection } from '../consults/ConsultReportSection';
import { stateChoices } from '../cases/caseStates';
import type { LayananDataProvider } from '../providers/dataProvider';
import { bucketPeriod, drill, presetPeriod, type Period, type Preset, type Scope } from './period';
import { ExportButtons, reportErrorKey } from './ExportButtons';
import { PresetPeriodPicker, ReportFilters } from './ReportFilters';

/** A figure that opens the case list which produced it. */
function Num({ to, children, testId }: { to: string | null; children: ReactNode; testId?: string }) {
  if (!to) return <span data-testid={testId}>{children}</span>;
  return (
    <Link component={RouterLink} to={to} underline="hover" data-testid={testId}>
      {children}
    </Link>
  );
}

function Stat({
  label,
  hint,
  value,
  to,
  testId,
  color,
}: {
  label: string;
  hint?: string;
  value: string;
  to: string | null;
  testId: string;
  color?: string;
}) {
  return (
    <Card variant="outlined" sx={{ flex: '1 1 160px' }} data-testid={testId}>
      <CardContent>
        <Typography variant="body2" color="text.secondary" title={hint}>
          {label}
        </Typography>
        <Typography variant="h4" sx={{ fontWeight: 600, color }}>
          <Num to={to} testId={`${testId}-value`}>
            {value}
          </Num>
        </Typography>
      </CardContent>
    </Card>
  );
}

function Section({ title, children, actions, testId }: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid={testId}>
      <CardContent>
        <Stack direction="row" sx={{ mb: 1, justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography variant="h6">{title}</Typography>
          {actions}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}

function useReport<T>(name: ReportName, query: ReportQuery, enabled: boolean) {
  const dataProvider = useDataProvider<LayananDataProvider>();
  return useQuery({ queryKey: ['report', name, query], queryFn: () => dataProvider.report<T>(name, query), enabled });
}

export default function ReportsPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const navigate = useNavigate();
  const t = (k: string, o?: Record<string, unknown>) => translate(`lt.reports.${k}`, o);
  const { canAccess, isPending: checking } = useCanAccess({ resource: 'reports', action: 'list' });
  const [preset, setPreset] = useState<Preset>('this_month');
  const [custom, setCustom] = useState<Period>(presetPeriod('this_month'));
  const [scope, setScope] = useState<Scope>({});
  const [grain, setGrain] = useState<ReportGrain>('week');
  const period = preset === 'custom' ? custom : presetPeriod(preset);
  const query: ReportQuery = { ...period, ...scope };
  const on = canAccess === true;
  const sla = useReport<SlaReport>('sla', query, on);
  const throughput = useReport<ThroughputReport>('throughput', { ...query, grain }, on);
  const backlog = useReport<BacklogReport>('backlog', query, on);
  const stages = useReport<StagesReport>('stages', query, on);
  const services = useReport<ServicesReport>('services', query, on);
  const opds = useReport<OpdsReport>('opds', query, on);
  const officers = useReport<OfficersReport>('officers', query, on);
  const stateName = useMemo(() => new Map(stateChoices(locale).map((s) => [s.id, s.name])), [locale]);
  if (checking) return <Loading />;
  if (!canAccess) return <Alert severity="warning">{translate('ra.message.access_denied')}</Alert>;
  const error = [sla, throughput, backlog, stages, services, opds, officers].find((q) => q.error)?.error;
  const reportOpds = new Set((opds.data?.rows ?? []).map((r) => r.opdId));
  const pct = (v: number | null | undefined) => formatPercent(v, locale);
  const exp = (name: ReportName, extra: ReportQuery = {}) => <ExportButtons name={name} query={{ ...query, ...extra }} />;

  return (
    <Box sx={{ mt: 2 }} data-testid="reports-page">
      <Title title={t('title')} />
      <ReportFilters
        prefix="report"
        period={<PresetPeriodPicker preset={preset} onPreset={setPreset} custom={custom} onCustom={setCustom} />}
        scope={scope}
        onScope={setScope}
      >
        <Typography variant="caption" color="text.secondary" data-testid="report-as-of">
          {sla.data?.asOf ? t('as_of', { time: formatDateTime(sla.data.asOf, locale) }) : ''}
        </Typography>
      </ReportFilters>
      {error && <Alert severity="error">{translate(reportErrorKey(error))}</Alert>}
      {!sla.data ? (
        <Loading />
      ) : (
        <>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
            <Stat
              label={t('sla_compliance')}
              hint={t('sla_hint')}
              value={pct(sla.data.compliance)}
              to={drill.closed(period, scope, { onTime: true })}
              testId="stat-sla-compliance"
            />
            <Stat
              label={t('received')}
              value={String(throughput.data?.received ?? '—')}
              to={drill.received(period, scope)}
              testId="stat-received"
            />
            <Stat label={t('closed')} value={String(sla.data.closed)} to={drill.closed(period, scope)} testId="stat-closed" />
            <Stat
              label={t('closed_on_time')}
              value={String(sla.data.closedOnTime)}
              to={drill.closed(period, scope, { onTime: true })}
              testId="stat-closed-on-time"
            />
            <Stat label={t('open')} value={String(sla.data.open)} to={drill.open(scope)} testId="stat-open" />
            <Stat
              label={t('open_overdue')}
              value={String(sla.data.openOverdue)}
              to={drill.overdue(scope)}
              testId="stat-open-overdue"
              color={sla.data.openOverdue > 0 ? 'error.main' : undefined}
            />
            <Stat
              label={t('returned_rate')}
              hint={t('returned_hint')}
              value={pct(throughput.data?.returnedRate)}
              to={drill.received(period, scope)}
              testId="stat-returned-rate"
            />
          </Box>
          <Section
            title={t('throughput')}
            testId="report-throughput"
            actions={
              <Stack direction="row" spacing={1}>
                <ToggleButtonGroup size="small" exclusive value={grain} onChange={(_e, v: ReportGrain | null) => v && setGrain(v)}>
                  <ToggleButton value="week">{t('week')}</ToggleButton>
                  <ToggleButton value="month">{t('month')}</ToggleButton>
                </ToggleButtonGroup>
                {exp('throughput', { grain })}
              </Stack>
            }
          >
            {(throughput.data?.series.length ?? 0) === 0 ? (
              <Typography color="text.secondary">{t('no_data')}</Typography>
            ) : (
              <Box sx={{ height: 260 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={throughput.data?.series ?? []}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="period" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    <Bar
                      dataKey="received"
                      name={t('received')}
                      fill="#1565c0"
                      cursor="pointer"
                      onClick={(d: { payload?: { period?: string } }) =>
                        d.payload?.period && void navigate(drill.received(bucketPeriod(d.payload.period, grain, period), scope))
                      }
                    />
                    <Bar
                      dataKey="closed"
                      name={t('closed')}
                      fill="#2e7d32"
                      cursor="pointer"
                      onClick={(d: { payload?: { period?: string } }) =>
                        d.payload?.period && void navigate(drill.closed(bucketPeriod(d.payload.period, grain, period), scope))
                      }
                    />
                  </BarChart>
                </ResponsiveContainer>
              </Box>
            )}
            {throughput.data && (
              <Stack direction={{ xs: 'column', md: 'row' }} spacing={4} sx={{ mt: 1 }}>
                <Typography data-testid="report-channel">
                  {t('channel')}: {t('online')}{' '}
                  <Num to={drill.received(period, scope, { channel: 'online' })}>{throughput.data.channel.online}</Num> · {t('counter')}{' '}
                  <Num to={drill.received(period, scope, { channel: 'counter' })}>{throughput.data.channel.counter}</Num>
                </Typography>
                <Box>
                  <Typography variant="subtitle2">{t('top_reasons')}</Typography>
                  {throughput.data.topReturnReasons.map((r) => (
                    <Typography key={r.reason} variant="body2">
                      {r.reason}: {r.n}
                    </Typography>
                  ))}
                </Box>
              </Stack>
            )}
          </Section>
          {backlog.data && (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
              <Box sx={{ flex: 1 }}>
                <Section title={t('backlog_age')} testId="report-backlog-age" actions={exp('backlog')}>
                  <Box sx={{ height: 200 }}>
                    <ResponsiveContainer width="100%" height="100%">
                      <BarChart data={backlog.data.age}>
                        <XAxis dataKey="bucket" />
                        <YAxis allowDecimals={false} />
                        <Tooltip />
                        <Bar dataKey="open" name={t('open')} fill="#1565c0" />
                        <Bar dataKey="overdue" name={t('open_overdue')} fill="#c62828" />
                      </BarChart>
                    </ResponsiveContainer>
                  </Box>
                  <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
                    {backlog.data.age.map((b) => (
                      <Typography key={b.bucket} variant="body2">
                        {b.bucket}:{' '}
                        <Num
                          testId={`backlog-age-${b.bucket}`}
                          to={drill.open(scope, {
                            ...(b.submittedFrom ? { submittedFrom: b.submittedFrom } : {}),
                            ...(b.submittedTo ? { submittedTo: b.submittedTo } : {}),
                          })}
                        >
                          {b.open}
                        </Num>
                      </Typography>
                    ))}
                  </Stack>
                </Section>
              </Box>
              <Box sx={{ flex: 1 }}>
                <Section title={t('backlog_sla')} testId="report-backlog-sla">
                  <Box sx={{ height: 200 }}>
                    <ResponsiveContainer width="100%" height="100%">
                      <BarChart data={backlog.data.sla}>
                        <XAxis dataKey="bucket" tickFormatter={(v: string) => `${v} %`} />
                        <YAxis allowDecimals={false} />
                        <Tooltip />
                        <Bar dataKey="open" name={t('open')} fill="#ef6c00" />
                      </BarChart>
                    </ResponsiveContainer>
                  </Box>
                  <Typography variant="body2">
                    {t('waiting')}: <Num to={drill.open(scope)}>{backlog.data.waiting}</Num> · {t('open_overdue')}:{' '}
                    <Num to={drill.overdue(scope)}>{backlog.data.overdue}</Num>
                  </Typography>
                </Section>
              </Box>
            </Stack>
          )}
          <Section title={t('stages')} testId="report-stages" actions={exp('stages')}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('state')}</TableCell>
                  <TableCell align="right">{t('count')}</TableCell>
                  <TableCell align="right">{t('median')}</TableCell>
                  <TableCell align="right">{t('p90')}</TableCell>
                  <TableCell align="right">{t('mean')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(stages.data?.stages ?? []).map((s) => (
                  <TableRow key={`${s.state}-${String(s.waiting)}`}>
                    <TableCell>
                      {stateName.get(s.state) ?? s.state}
                      {s.waiting ? ` (${t('waiting_stage')})` : ''}
                    </TableCell>
                    <TableCell align="right">{s.n}</TableCell>
                    <TableCell align="right">{t('hours', { n: s.medianHours })}</TableCell>
                    <TableCell align="right">{t('hours', { n: s.p90Hours })}</TableCell>
                    <TableCell align="right">{t('hours', { n: s.meanHours })}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Section>
          {reportOpds.size > 1 && (
            <Section title={t('by_opd')} testId="report-by-opd" actions={exp('opds')}>
              <ScopeTable rows={opds.data?.rows ?? []} period={period} t={t} pct={pct} />
            </Section>
          )}
          <Section title={t('by_service')} testId="report-by-service" actions={exp('services')}>
            <ScopeTable rows={services.data?.rows ?? []} period={period} t={t} pct={pct} perService />
          </Section>
          <ComplaintReportSection period={period} scope={scope} />
          <ConsultReportSection period={period} />
          <Section title={t('officers')} testId="report-officers" actions={exp('officers')}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('officer')}</TableCell>
                  <TableCell>{t('opd')}</TableCell>
                  <TableCell align="right">{t('open')}</TableCell>
                  <TableCell align="right">{t('open_overdue')}</TableCell>
                  <TableCell align="right">{t('steps')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(officers.data?.officers ?? []).map((o) => (
                  <TableRow key={`${o.userId}-${o.opdId}`}>
                    <TableCell>{o.name}</TableCell>
                    <TableCell>{o.opdName}</TableCell>
                    <TableCell align="right">
                      <Num to={drill.open({ opdId: o.opdId }, { assigneeId: [o.userId] })}>{o.open}</Num>
                    </TableCell>
                    <TableCell align="right">
                      <Num to={drill.overdue({ opdId: o.opdId }, { assigneeId: [o.userId] })}>{o.overdue}</Num>
                    </TableCell>
                    <TableCell align="right">{o.steps}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Section>
        </>
      )}
    </Box>
  );
}

interface ScopeTableRow {
  opdId: string;
  opdName: string;
  serviceId?: string;
  serviceName?: string;
  received: number;
  closed: number;
  closedOnTime: number;
  compliance: number | null;
  open: number;
  openOverdue: number;
  medianDays: number | null;
}

function ScopeTable({
  rows,
  period,
  t,
  pct,
  perService,
}: {
  rows: ScopeTableRow[];
  period: Period;
  t: (k: string, o?: Record<string, unknown>) => string;
  pct: (v: number | null) => string;
  perService?: boolean;
}) {
  if (rows.length === 0) return <Typography color="text.secondary">{t('no_data')}</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            {perService && <TableCell>{t('service')}</TableCell>}
            <TableCell>{t('opd')}</TableCell>
            <TableCell align="right">{t('received')}</TableCell>
            <TableCell align="right">{t('closed')}</TableCell>
            <TableCell align="right">{t('sla_compliance')}</TableCell>
            <TableCell align="right">{t('open')}</TableCell>
            <TableCell align="right">{t('open_overdue')}</TableCell>
            <TableCell align="right">{t('median_days')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const s: Scope = { opdId: r.opdId, serviceId: r.serviceId };
            return (
              <TableRow
                key={`${r.opdId}-${r.serviceId ?? ''}`}
                data-testid={`report-row-${r.opdId}${r.serviceId ? `-${r.serviceId}` : ''}`}
              >
                {perService && <TableCell>{r.serviceName}</TableCell>}
                <TableCell>{r.opdName}</TableCell>
                <TableCell align="right">
                  <Num to={drill.received(period, s)}>{r.received}</Num>
                </TableCell>
                <TableCell align="right">
                  <Num to={drill.closed(period, s)}>{r.closed}</Num>
                </TableCell>
                <TableCell align="right">
                  <Num to={drill.closed(period, s, { onTime: true })}>{pct(r.compliance)}</Num>
                </TableCell>
                <TableCell align="right">
                  <Num to={drill.open(s)}>{r.open}</Num>
                </TableCell>
                <TableCell align="right" sx={{ color: r.openOverdue > 0 ? 'error.main' : undefined }}>
                  <Num to={drill.overdue(s)}>{r.openOverdue}</Num>
                </TableCell>
                <TableCell align="right">{r.medianDays === null ? '—' : t('days', { n: r.medianDays })}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
