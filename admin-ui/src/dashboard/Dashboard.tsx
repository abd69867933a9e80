import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useCanAccess, useDataProvider, useLocale, useNavigate, useTranslate } from 'react-admin';
import { queueUrl } from '../common/queueUrl';
import { formatPercent } from '../common/format';
import type { LayananDataProvider } from '../providers/dataProvider';

function Stat({
  label,
  value,
  testId,
  color,
  onClick,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
  onClick?: () => void;
}) {
  const content = (
    <CardContent>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h3" sx={{ color, fontWeight: 600 }} data-testid={`${testId}-value`}>
        {value}
      </Typography>
    </CardContent>
  );
  return (
    <Card variant="outlined" sx={{ flex: '1 1 200px' }} data-testid={testId}>
      {onClick ? <CardActionArea onClick={onClick}>{content}</CardActionArea> : content}
    </Card>
  );
}

function ComplianceBar({ value }: { value: number | null }) {
  const locale = useLocale();
  if (value === null) return <>—</>;
  const color = value >= 0.9 ? 'success' : value >= 0.75 ? 'warning' : 'error';
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 140 }}>
      <LinearProgress variant="determinate" value={value * 100} color={color} sx={{ flex: 1, height: 8, borderRadius: 4 }} />
      <span>{formatPercent(value, locale)}</span>
    </Box>
  );
}

export default function Dashboard() {
  const translate = useTranslate();
  const locale = useLocale();
  const navigate = useNavigate();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const { canAccess, isPending: checking } = useCanAccess({ resource: 'dashboard', action: 'list' });
  const { data, isPending, error } = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => dataProvider.dashboard(),
    enabled: canAccess === true,
  });
  if (checking) return <Loading />;
  if (!canAccess) return <Alert severity="warning">{translate('ra.message.access_denied')}</Alert>;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{translate(error.message)}</Alert>;
  const t = (k: string) => translate(`lt.dashboard.${k}`);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={t('title')} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 3 }}>
        <Stat label={t('intake_today')} value={String(data.intakeToday)} testId="stat-intake-today" />
        <Stat label={t('open')} value={String(data.open)} testId="stat-open" onClick={() => navigate(queueUrl('opd'))} />
        <Stat
          label={t('overdue')}
          value={String(data.overdue)}
          testId="stat-overdue"
          color={data.overdue > 0 ? 'error.main' : undefined}
          onClick={() => navigate(queueUrl('overdue'))}
        />
        <Stat
          label={t('due_soon')}
          value={String(data.dueSoon)}
          testId="stat-due-soon"
          color={data.dueSoon > 0 ? 'warning.main' : undefined}
          onClick={() => navigate(queueUrl('due-soon'))}
        />
        <Stat label={t('sla_compliance')} value={formatPercent(data.slaCompliance, locale)} testId="stat-sla-compliance" />
      </Box>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {t('by_service')}
          </Typography>
          {data.byService.length === 0 ? (
            <Typography color="text.secondary">{t('no_data')}</Typography>
          ) : (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="dashboard-by-service">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('service')}</TableCell>
                    <TableCell align="right">{t('open')}</TableCell>
                    <TableCell align="right">{t('overdue')}</TableCell>
                    <TableCell align="right">{t('completed')}</TableCell>
                    <TableCell>{t('sla_compliance')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.byService.map((row) => (
                    <TableRow key={row.serviceId} data-testid={`dashboard-service-${row.serviceId}`}>
                      <TableCell>{row.serviceName}</TableCell>
                      <TableCell align="right">{row.open}</TableCell>
                      <TableCell
                        align="right"
                        sx={{ color: row.overdue > 0 ? 'error.main' : undefined, fontWeight: row.overdue > 0 ? 600 : undefined }}
                      >
                        {row.overdue}
                      </TableCell>
                      <TableCell align="right">{row.completed30d}</TableCell>
                      <TableCell>
                        <ComplianceBar value={row.slaCompliance} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
