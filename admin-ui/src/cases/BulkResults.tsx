import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { BulkResult } from '@layanan/contracts';
import { useTranslate } from 'react-admin';
import { errorKey } from '../common/errors';

/**
 * The outcome of a bulk request, one row per case in the order sent: done, or why not in the
 * user's language (by the API's error code), so no partial failure goes unseen.
 */
export function BulkResults({ results, codes, testId }: { results: BulkResult[]; codes: Map<string, string>; testId: string }) {
  const translate = useTranslate();
  const ok = results.filter((r) => r.ok).length;
  return (
    <>
      <Alert severity={ok === results.length ? 'success' : 'warning'} sx={{ mb: 1 }} data-testid={`${testId}-summary`}>
        {translate('lt.bulk.summary', { ok, failed: results.length - ok })}
      </Alert>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('lt.bulk.case')}</TableCell>
            <TableCell>{translate('lt.bulk.result')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {results.map((r) => (
            <TableRow key={r.id} data-testid={`bulk-result-${r.id}`} data-ok={String(r.ok)} data-code={r.code ?? ''}>
              <TableCell>{codes.get(r.id) ?? r.id}</TableCell>
              <TableCell sx={{ color: r.ok ? 'success.main' : 'error.main' }}>
                {r.ok ? translate('lt.bulk.ok') : `${translate('lt.bulk.failed')}: ${translate(errorKey(r.code ?? 'UNKNOWN'))}`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
