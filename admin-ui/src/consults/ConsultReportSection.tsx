// The consults block of the reports page (docs/REPORTS.md): per OPD, consults asked of it (open,
// overdue, answered, answered on time) and asked by it (open, overdue), over the page's period,
// limited by the API to the OPDs whose reports the caller may read.
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { consultsApi } from './api';

const COLUMNS = [
  ['incoming_open', 'incomingOpen'],
  ['incoming_overdue', 'incomingOverdue'],
  ['incoming_answered', 'incomingAnswered'],
  ['incoming_on_time', 'incomingAnsweredOnTime'],
  ['outgoing_open', 'outgoingOpen'],
  ['outgoing_overdue', 'outgoingOverdue'],
] as const;

export function ConsultReportSection({ period }: { period: { from: string; to: string } }) {
  const translate = useTranslate();
  const t = (k: string) => translate(`lt.consults.rep.${k}`);
  const report = useQuery({ queryKey: ['consults', 'report', period], queryFn: () => consultsApi.report(period) });
  const rows = report.data ?? [];
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="report-consults">
      <CardContent>
        <Typography variant="h6">{t('title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('hint')}
        </Typography>
        {!report.data ? null : rows.length === 0 ? (
          <Typography color="text.secondary">{t('empty')}</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('opd')}</TableCell>
                {COLUMNS.map(([label]) => (
                  <TableCell key={label} align="right">
                    {t(label)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.opdId} data-testid={`report-consults-${r.opdId}`}>
                  <TableCell>{r.opdName}</TableCell>
                  {COLUMNS.map(([label, field]) => (
                    <TableCell
                      key={label}
                      align="right"
                      sx={{ color: field.endsWith('Overdue') && r[field] > 0 ? 'error.main' : undefined }}
                    >
                      {r[field]}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
