// The IKM report: per element (which one is weak), per month (the trend), per service and OPD,
// with the grade and the minimum-sample warning; suggestions without any link to a case.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { SKM_ELEMENTS, type IkmFigures, type IkmGrade } from '@layanan/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useLocale, useTranslate } from 'react-admin';
import { useErrorText } from '../common/errors';
import { MonthRangePicker, ReportFilters } from '../reports/ReportFilters';
import { satisfactionApi, type IkmFilter } from './api';

const GRADE_COLOR: Record<IkmGrade, 'success' | 'info' | 'warning' | 'error'> = { A: 'success', B: 'info', C: 'warning', D: 'error' };

function fmt(n: number | null, locale: string, digits = 2): string {
  return n === null
    ? '—'
    : n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function GradeChip({ grade }: { grade: IkmGrade | null }) {
  const translate = useTranslate();
  if (!grade) return <>—</>;
  return (
    <Chip
      size="small"
      color={GRADE_COLOR[grade]}
      label={`${grade} · ${translate(`lt.satisfaction.grade_${grade}`)}`}
      data-testid="ikm-grade"
    />
  );
}

function SampleWarning({ f }: { f: IkmFigures }) {
  const translate = useTranslate();
  if (!f.sampleTooSmall) return null;
  return (
    <Alert severity="warning" data-testid="ikm-sample-warning" sx={{ mt: 1 }}>
      {translate('lt.satisfaction.sample_warning', { respondents: f.respondents, minimum: f.minimumSample, population: f.population })}
    </Alert>
  );
}

function FiguresRow({ label, f, testId }: { label: string; f: IkmFigures; testId: string }) {
  const locale = useLocale();
  return (
    <TableRow data-testid={testId}>
      <TableCell>{label}</TableCell>
      <TableCell align="right">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 160 }}>
          <LinearProgress variant="determinate" value={f.ikm ?? 0} sx={{ flex: 1, height: 8, borderRadius: 4 }} />
          <span>{fmt(f.ikm, locale)}</span>
        </Box>
      </TableCell>
      <TableCell>
        <GradeChip grade={f.grade} />
      </TableCell>
      <TableCell align="right">{f.respondents}</TableCell>
      <TableCell align="right">{f.population}</TableCell>
      <TableCell align="right" sx={{ color: f.sampleTooSmall ? 'warning.main' : undefined }}>
        {f.minimumSample}
      </TableCell>
    </TableRow>
  );
}

function FiguresTable({ title, rows, testId }: { title: string; rows: { key: string; label: string; f: IkmFigures }[]; testId: string }) {
  const translate = useTranslate();
  if (!rows.length) return null;
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid={testId}>
      <CardContent>
        <Typography variant="h6">{title}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell align="right">{translate('lt.satisfaction.ikm')}</TableCell>
              <TableCell>{translate('lt.satisfaction.grade')}</TableCell>
              <TableCell align="right">{translate('lt.satisfaction.respondents')}</TableCell>
              <TableCell align="right">{translate('lt.satisfaction.population')}</TableCell>
              <TableCell align="right">{translate('lt.satisfaction.minimum_sample')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <FiguresRow key={r.key} label={r.label} f={r.f} testId={`${testId}-${r.key}`} />
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

export function IkmPage() {
  const translate = useTranslate();
  const errorText = useErrorText();
  const locale = useLocale();
  const [filter, setFilter] = useState<IkmFilter>({});
  const report = useQuery({ queryKey: ['ikm', filter], queryFn: () => satisfactionApi.ikm(filter) });
  const suggestions = useQuery({ queryKey: ['ikm-suggestions', filter], queryFn: () => satisfactionApi.suggestions(filter) });
  const data = report.data;
  const nrrs = data ? SKM_ELEMENTS.map((e) => data.total.nrr[e]).filter((v): v is number => v !== null) : [];
  const lowest = nrrs.length ? Math.min(...nrrs) : null;

  return (
    <Box sx={{ p: 2 }} data-testid="ikm-page">
      <Title title={translate('lt.satisfaction.title')} />
      <Typography variant="h5">{translate('lt.satisfaction.title')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('lt.satisfaction.intro')}
      </Typography>
      <ReportFilters
        prefix="ikm"
        period={
          <MonthRangePicker
            prefix="ikm"
            value={{ from: filter.from ?? data?.from, to: filter.to ?? data?.to }}
            onChange={(p) => setFilter((f) => ({ ...f, ...p }))}
            labels={{ from: translate('lt.satisfaction.from'), to: translate('lt.satisfaction.to') }}
          />
        }
        scope={{ opdId: filter.opdId, serviceId: filter.serviceId }}
        onScope={(s) => setFilter((f) => ({ ...f, opdId: s.opdId, serviceId: s.serviceId }))}
      />

      {report.isPending && <Loading />}
      {report.error && <Alert severity="error">{errorText(report.error)}</Alert>}
      {data && (
        <>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 2 }}>
            <Card variant="outlined" sx={{ flex: '1 1 220px' }} data-testid="ikm-total">
              <CardContent>
                <Typography variant="body2" color="text.secondary">
                  {translate('lt.satisfaction.ikm')}
                </Typography>
                <Typography variant="h3" sx={{ fontWeight: 600 }} data-testid="ikm-total-value">
                  {fmt(data.total.ikm, locale)}
                </Typography>
                <GradeChip grade={data.total.grade} />
              </CardContent>
            </Card>
            <Card variant="outlined" sx={{ flex: '1 1 220px' }}>
              <CardContent>
                <Typography variant="body2" color="text.secondary">
                  {translate('lt.satisfaction.respondents')}
                </Typography>
                <Typography variant="h3" sx={{ fontWeight: 600 }} data-testid="ikm-respondents">
                  {data.total.respondents}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate('lt.satisfaction.population')}: {data.total.population} · {translate('lt.satisfaction.minimum_sample')}:{' '}
                  {data.total.minimumSample}
                </Typography>
              </CardContent>
            </Card>
          </Box>
          {data.total.respondents === 0 && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('lt.satisfaction.no_data')}
            </Alert>
          )}
          <SampleWarning f={data.total} />

          <Card variant="outlined" sx={{ mt: 2 }} data-testid="ikm-elements">
            <CardContent>
              <Typography variant="h6">{translate('lt.satisfaction.elements_title')}</Typography>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('lt.satisfaction.element')}</TableCell>
                    <TableCell align="right">{translate('lt.satisfaction.nrr')}</TableCell>
                    {data.byMonth.map((m) => (
                      <TableCell key={m.month} align="right">
                        {m.month}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {SKM_ELEMENTS.map((e) => {
                    const v = data.total.nrr[e];
                    const weak = v !== null && v === lowest;
                    return (
                      <TableRow key={e} data-testid={`ikm-element-${e}`} sx={weak ? { bgcolor: 'warning.light' } : undefined}>
                        <TableCell>
                          {translate(`lt.satisfaction.el_${e}`)}
                          {weak && (
                            <Chip
                              size="small"
                              color="warning"
                              label={translate('lt.satisfaction.weakest')}
                              sx={{ ml: 1 }}
                              data-testid="ikm-weakest"
                            />
                          )}
                        </TableCell>
                        <TableCell align="right">
                          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 140 }}>
                            <LinearProgress
                              variant="determinate"
                              value={v === null ? 0 : (v / 4) * 100}
                              color={weak ? 'warning' : 'primary'}
                              sx={{ flex: 1, height: 8, borderRadius: 4 }}
                            />
                            <span data-testid={`ikm-nrr-${e}`}>{fmt(v, locale, 3)}</span>
                          </Box>
                        </TableCell>
                        {data.byMonth.map((m) => (
                          <TableCell key={m.month} align="right">
                            {fmt(m.nrr[e], locale, 2)}
                          </TableCell>
                        ))}
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </CardContent>
          </Card>

          <FiguresTable
            title={translate('lt.satisfaction.by_month')}
            testId="ikm-months"
            rows={data.byMonth.map((m) => ({ key: m.month, label: m.month, f: m }))}
          />
          <FiguresTable
            title={translate('lt.satisfaction.by_service')}
            testId="ikm-services"
            rows={data.byService.map((s) => ({ key: `${s.serviceId}-${s.opdId}`, label: `${s.serviceName} (${s.opdName})`, f: s }))}
          />
          <FiguresTable
            title={translate('lt.satisfaction.by_opd')}
            testId="ikm-opds"
            rows={data.byOpd.map((o) => ({ key: o.opdId, label: o.opdName, f: o }))}
          />
        </>
      )}

      <Card variant="outlined" sx={{ mt: 2 }} data-testid="ikm-suggestions">
        <CardContent>
          <Typography variant="h6">{translate('lt.satisfaction.suggestions')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('lt.satisfaction.anonymous_note')}
          </Typography>
          {suggestions.data?.length === 0 && <Typography sx={{ mt: 1 }}>{translate('lt.satisfaction.no_suggestions')}</Typography>}
          <Table size="small">
            <TableBody>
              {(suggestions.data ?? []).map((s) => (
                <TableRow key={s.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{s.month}</TableCell>
                  <TableCell>{s.serviceName}</TableCell>
                  <TableCell>{s.text}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}

export default IkmPage;
