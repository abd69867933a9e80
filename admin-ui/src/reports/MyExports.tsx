import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
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
import { useQuery } from '@tanstack/react-query';
import type { ExportJobView } from '@layanan/contracts';
import { Title, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatBytes, formatDateTime } from '../common/format';
import type { LayananDataProvider } from '../providers/dataProvider';
import { exportJobsApi } from './exportJobsApi';
import { reportErrorKey } from './ExportButtons';

/** While any export is unfinished the page asks again this often. */
const POLL_MS = 2_000;
const STATUS_COLOR = { queued: 'default', running: 'info', ready: 'success', failed: 'error', expired: 'default' } as const;

/** The filter of a job in words: its queue by name, then the list's other filter keys as given. */
function filterText(job: ExportJobView, translate: (key: string) => string): string {
  const parts = Object.entries(job.filter)
    .filter(([k, v]) => !(k === 'queue' && v === 'all') && v !== undefined && v !== '')
    .map(([k, v]) =>
      k === 'queue' && typeof v === 'string' ? translate(`lt.queue.${v}`) : `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
    );
  return parts.length ? parts.join(', ') : translate('lt.exports.all_cases');
}

/** "Ekspor Saya": the caller's background exports with progress, a download when ready, the reason when failed. */
export default function MyExports() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const jobs = useQuery({
    queryKey: ['exports', 'jobs'],
    queryFn: exportJobsApi.list,
    refetchInterval: (q) => (q.state.data?.some((j) => j.status === 'queued' || j.status === 'running') ? POLL_MS : false),
  });
  const download = (job: ExportJobView) =>
    dataProvider
      .downloadExport(`/exports/case-jobs/${encodeURIComponent(job.id)}/file`, {})
      .catch((e: unknown) => notify(reportErrorKey(e), { type: 'error' }));
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('lt.exports.title')} />
      <CardContent>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {translate('lt.exports.intro')}
        </Typography>
        {jobs.data?.length === 0 && <Alert severity="info">{translate('lt.exports.empty')}</Alert>}
        {!!jobs.data?.length && (
          <Table size="small" data-testid="export-jobs">
            <TableHead>
              <TableRow>
                <TableCell>{translate('lt.exports.created')}</TableCell>
                <TableCell>{translate('lt.exports.filter')}</TableCell>
                <TableCell>{translate('lt.exports.status_label')}</TableCell>
                <TableCell>{translate('lt.exports.progress')}</TableCell>
                <TableCell>{translate('lt.exports.size')}</TableCell>
                <TableCell>{translate('lt.exports.expires')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {jobs.data.map((job) => (
                <TableRow key={job.id} data-testid="export-job" data-status={job.status}>
                  <TableCell>{formatDateTime(job.createdAt, locale)}</TableCell>
                  <TableCell>{filterText(job, translate)}</TableCell>
                  <TableCell>
                    <Chip size="small" color={STATUS_COLOR[job.status]} label={translate(`lt.exports.status.${job.status}`)} />
                    {job.status === 'failed' && job.errorCode && (
                      <Typography variant="body2" color="error" data-testid="export-job-error">
                        {translate(`lt.exports.errors.${job.errorCode}`)}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={{ minWidth: 160 }}>
                    {job.status === 'running' && job.rowsExpected ? (
                      <>
                        <LinearProgress variant="determinate" value={Math.min(100, (100 * job.rowsWritten) / job.rowsExpected)} />
                        {translate('lt.exports.rows_of', {
                          n: job.rowsWritten.toLocaleString(locale),
                          total: job.rowsExpected.toLocaleString(locale),
                        })}
                      </>
                    ) : job.status === 'queued' || job.status === 'running' ? (
                      <LinearProgress />
                    ) : (
                      translate('lt.exports.rows', { n: job.rowsWritten.toLocaleString(locale) })
                    )}
                  </TableCell>
                  <TableCell>{job.status === 'ready' ? formatBytes(job.bytes) : ''}</TableCell>
                  <TableCell>{job.status === 'ready' ? formatDateTime(job.expiresAt, locale) : ''}</TableCell>
                  <TableCell>
                    {job.status === 'ready' && (
                      <Button
                        size="small"
                        startIcon={<DownloadIcon />}
                        onClick={() => void download(job)}
                        data-testid="export-job-download"
                      >
                        {translate('lt.exports.download')}
                      </Button>
                    )}
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
