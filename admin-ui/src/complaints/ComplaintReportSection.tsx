// The complaints block of the heads' reports page: counts and response times over the page's
// period, OPD and service filters, scoped by the API to the complaints the caller may read.
// Shown only to those who may read complaints (supervisor, head, leadership).
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslate } from 'react-admin';
import { formatPercent } from '../common/format';
import { useAbility } from '../common/useAbility';
import { complaintsApi } from './api';
import { summariseComplaints, type ComplaintSummaryRow } from './report';

function hours(n: number | null, locale: string): string {
  return n === null ? '—' : n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
}

export function ComplaintReportSection({
  period,
  scope,
}: {
  period: { from: string; to: string };
  scope: { opdId?: string; serviceId?: string };
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const t = (k: string) => translate(`lt.complaints.rep.${k}`);
  const allowed = useAbility()?.can('read', 'Complaint') ?? false;
  const q = { ...period, ...scope };
  const report = useQuery({ queryKey: ['complaints', 'report', q], queryFn: () => complaintsApi.report(q), enabled: allowed });
  if (!allowed) return null;
  const { total, groups } = summariseComplaints(report.data?.rows ?? []);
  const cells = (r: ComplaintSummaryRow) => (
    <>
      <TableCell align="right">{r.received}</TableCell>
      <TableCell align="right">{r.answered}</TableCell>
      <TableCell align="right">{formatPercent(r.onTimeRate, locale)}</TableCell>
      <TableCell align="right">{r.open}</TableCell>
      <TableCell align="right" sx={{ color: r.overdue > 0 ? 'error.main' : undefined }}>
        {r.overdue}
      </TableCell>
      <TableCell align="right">{hours(r.meanResponseHours, locale)}</TableCell>
      <TableCell align="right">{hours(r.medianResponseHours, locale)}</TableCell>
    </>
  );
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="report-complaints">
      <CardContent>
        <Typography variant="h6">{t('title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('hint')}
        </Typography>
        {!report.data ? null : groups.length === 0 ? (
          <Typography color="text.secondary" data-testid="report-complaints-empty">
            {translate('lt.complaints.report_empty')}
          </Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('service')}</TableCell>
                  <TableCell>{t('opd')}</TableCell>
                  <TableCell align="right">{t('received')}</TableCell>
                  <TableCell align="right">{t('answered')}</TableCell>
                  <TableCell align="right">{t('on_time')}</TableCell>
                  <TableCell align="right">{t('open')}</TableCell>
                  <TableCell align="right">{t('overdue')}</TableCell>
                  <TableCell align="right">{t('mean_hours')}</TableCell>
                  <TableCell align="right">{t('median_hours')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {groups.map((r) => (
                  <TableRow key={r.key} data-testid={`report-complaints-row-${r.key}`}>
                    <TableCell>{r.serviceName ?? t('general')}</TableCell>
                    <TableCell>{r.opdName}</TableCell>
                    {cells(r)}
                  </TableRow>
                ))}
                <TableRow data-testid="report-complaints-total" sx={{ '& td': { fontWeight: 600 } }}>
                  <TableCell colSpan={2}>{t('total')}</TableCell>
                  {cells(total)}
                </TableRow>
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
