import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';
import type { LayananDataProvider } from '../providers/dataProvider';
import { reportErrorKey } from './ExportButtons';

/**
 * CSV and XLSX of the case list on screen: its filter and sort, every row the caller may read
 * (the API filters exactly like the list; XLSX is capped, the error says so).
 */
export function CaseListExport() {
  const { filterValues, sort } = useListContext<{ id: string }>() as {
    filterValues: Record<string, unknown>;
    sort: { field: string; order: string };
  };
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const [busy, setBusy] = useState(false);
  const download = (format: 'csv' | 'xlsx') => {
    setBusy(true);
    dataProvider
      .downloadExport('/exports/cases', { filter: filterValues, sort: [sort.field, sort.order], format })
      .catch((e: unknown) => notify(reportErrorKey(e), { type: 'error' }))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <Button size="small" startIcon={<DownloadIcon />} disabled={busy} onClick={() => download('csv')} data-testid="cases-export-csv">
        {translate('lt.reports.export_csv')}
      </Button>
      <Button size="small" disabled={busy} onClick={() => download('xlsx')} data-testid="cases-export-xlsx">
        {translate('lt.reports.export_xlsx')}
      </Button>
    </>
  );
}
