// Complaint counts and response times for the caller's scope: the complaint officer's own OPD,
// a head's OPD, the whole city for leadership. Per month, OPD and service in the API's answer.
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
import { complaintsApi } from './api';

function hours(n: number | null, locale: string): string {
  return n === null ? '—' : n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
}

export function ComplaintReportPanel() {
  const translate = useTranslate();
  const locale = useLocale();
  const report = useQuery({ queryKey: ['complaints', 'report'], queryFn: () => complaintsApi.report({}) });
  const rows = report.data?.rows ?? [];
  const byMonth = new Map<string, { received: number; answered: number; onTime: number; open: number; hours: number[] }>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? { received: 0, answered: 0, onTime: 0, open: 0, hours: [] };
    m.received += r.received;
    m.answered += r.answered;
    m.onTime += r.answeredOnTime;
    m.open += r.open;
    if (r.meanResponseHours !== null) m.hours.push(...Array<number>(r.answered).fill(r.meanResponseHours));
    byMonth.set(r.month, m);
  }
  return (
    <Card sx={{ ml: 2, minWidth: 320, alignSelf: 'flex-start' }} data-testid="complaint-report">
      <CardContent>
        <Typography variant="subtitle1">{translate('lt.complaints.report_title')}</Typography>
        {byMonth.size === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('lt.complaints.report_empty')}
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('lt.complaints.month')}</TableCell>
                <TableCell align="right">{translate('lt.complaints.received')}</TableCell>
                <TableCell align="right">{translate('lt.complaints.answered_on_time')}</TableCell>
                <TableCell align="right">{translate('lt.complaints.open')}</TableCell>
                <TableCell align="right">{translate('lt.complaints.mean_hours')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...byMonth.entries()].map(([month, m]) => (
                <TableRow key={month}>
                  <TableCell>{month}</TableCell>
                  <TableCell align="right">{m.received}</TableCell>
                  <TableCell align="right">
                    {m.onTime}/{m.answered}
                  </TableCell>
                  <TableCell align="right">{m.open}</TableCell>
                  <TableCell align="right">
                    {hours(m.hours.length ? m.hours.reduce((a, b) => a + b, 0) / m.hours.length : null, locale)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
