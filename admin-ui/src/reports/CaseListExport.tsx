import CloudQueueIcon from '@mui/icons-material/CloudQueue';
import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import type { LayananDataProvider } from '../providers/dataProvider';
import { exportJobsApi, type CaseListSpec } from './exportJobsApi';
import { reportErrorKey } from './ExportButtons';

/**
 * CSV and XLSX of the case list on screen: its filter and sort, every row the caller may read
 * (the API filters exactly like the list; XLSX is capped, the error says so). A CSV of more
 * rows than the API's background threshold runs as a background job instead ("Ekspor Saya"),
 * as does any CSV the user sends to the background.
 */
export function CaseListExport() {
  const { filterValues, sort } = useListContext<{ id: string }>() as {
    filterValues: Record<string, unknown>;
    sort: { field: string; order: string };
  };
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const [busy, setBusy] = useState(false);
  const spec: CaseListSpec = { filter: filterValues, sort: [sort.field, sort.order] };
  const failed = (e: unknown) => notify(reportErrorKey(e), { type: 'error' });
  const background = async (message: string, threshold?: number) => {
    await exportJobsApi.start(spec);
    void queryClient.invalidateQueries({ queryKey: ['exports'] });
    notify(message, {
      type: 'info',
      messageArgs: { threshold: threshold?.toLocaleString() ?? '' },
      autoHideDuration: 8000,
    });
    void navigate('/exports');
  };
  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    work()
      .catch(failed)
      .finally(() => setBusy(false));
  };
  const download = (format: 'csv' | 'xlsx') =>
    run(async () => {
      if (format === 'csv') {
        const size = await exportJobsApi.size(spec);
        if (size.background) return background('lt.exports.started', size.threshold);
      }
      return dataProvider.downloadExport('/exports/cases', { filter: filterValues, sort: spec.sort, format });
    });
  return (
    <>
      <Button size="small" startIcon={<DownloadIcon />} disabled={busy} onClick={() => download('csv')} data-testid="cases-export-csv">
        {translate('lt.reports.export_csv')}
      </Button>
      <Button size="small" disabled={busy} onClick={() => download('xlsx')} data-testid="cases-export-xlsx">
        {translate('lt.reports.export_xlsx')}
      </Button>
      <Button
        size="small"
        startIcon={<CloudQueueIcon />}
        disabled={busy}
        onClick={() => run(() => background('lt.exports.started_manual'))}
        data-testid="cases-export-background"
      >
        {translate('lt.exports.background')}
      </Button>
    </>
  );
}
