import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import type { ReportName, ReportQuery } from '@layanan/contracts';
import type { ErrorBody } from '@layanan/contracts';
import { HttpError, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { LayananDataProvider } from '../providers/dataProvider';

/** CSV and XLSX of a report, with the same period and filters as the screen. */
export function ExportButtons({ name, query }: { name: ReportName; query: ReportQuery }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const download = (format: 'csv' | 'xlsx') =>
    dataProvider
      .downloadExport(`/reports/${name}/export`, { ...query, format })
      .catch((e: unknown) => notify(reportErrorKey(e), { type: 'error' }));
  return (
    <span>
      <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download('csv')} data-testid={`export-${name}-csv`}>
        {translate('lt.reports.export_csv')}
      </Button>
      <Button size="small" onClick={() => void download('xlsx')} data-testid={`export-${name}-xlsx`}>
        {translate('lt.reports.export_xlsx')}
      </Button>
    </span>
  );
}

const KNOWN = new Set(['EXPORT_TOO_LARGE', 'FIELD_INVALID', 'FORBIDDEN', 'SERVICE_UNAVAILABLE']);

/** The i18n key of a report or export error, by its code (never the API's English message). */
export function reportErrorKey(error: unknown): string {
  const code = error instanceof HttpError ? (error.body as Partial<ErrorBody> | undefined)?.code : undefined;
  return code && KNOWN.has(code) ? `lt.reports.errors.${code}` : 'ra.notification.http_error';
}
