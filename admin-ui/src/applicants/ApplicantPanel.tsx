// On the case page, for staff with personal-data rights: the applicant across all OPDs (once-only).
// Their other applications the caller may read (the API filters them by the caller's rules in SQL
// and logs each read of another OPD's application, UU 27/2022), the KTP/KK verified elsewhere
// (reusable here with the applicant's consent), and for a reused document where and by whom it
// was verified, which is what the verifier checks.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseDetail, VerifiedDocumentView } from '@layanan/contracts';
import { useState } from 'react';
import { HttpError, useLocale, useNotify, useRefresh, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router';
import { stateChoices } from '../cases/caseStates';
import { formatDate, formatDateTime } from '../common/format';
import { useBusyAction } from '../common/useBusyAction';
import { applicantsApi } from './api';

export function ApplicantPanel({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const locale = useLocale();
  const overview = useQuery({
    queryKey: ['applicant', record.id, record.version],
    queryFn: () => applicantsApi.overview(record.id),
    retry: false,
  });
  const [reusing, setReusing] = useState<VerifiedDocumentView | null>(null);
  // No personal-data rights on this case (403): the panel is not shown at all.
  if (overview.error instanceof HttpError && overview.error.status === 403) return null;
  if (!overview.data) return null;
  const o = overview.data;
  const labels = new Map(record.requirements.map((r) => [r.key, r.label]));
  const label = (key: string) => labels.get(key) ?? key.toUpperCase();
  const states = new Map(stateChoices(locale).map((s) => [s.id, s.name]));
  const canUpload = record.availableActions.some((a) => a.type === 'UPLOAD_DOCUMENT');
  // A source already reused on this case is listed above with its provenance, not offered again.
  const reusedSources = new Set(o.reusedDocuments.map((d) => d.documentId));
  const reusable = o.verifiedDocuments.filter((d) => !reusedSources.has(d.documentId));
  const verifiedText = (d: VerifiedDocumentView) =>
    translate('lt.applicants.verified_at', {
      opd: d.opdName,
      code: d.trackingCode,
      by: d.verifiedByName ?? '—',
      at: formatDateTime(d.verifiedAt, locale),
    });
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="applicant-registry">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('lt.applicants.section')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('lt.applicants.logged')}
        </Typography>
        {o.reusedDocuments.length > 0 && (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="applicant-reused">
            {o.reusedDocuments.map((d) => (
              <Typography key={d.reusedAsDocumentId} variant="body2" data-testid={`reused-${d.requirementKey}`}>
                {translate('lt.applicants.reused', {
                  requirement: label(d.requirementKey),
                  file: d.fileName,
                  verified: verifiedText(d),
                  consent: formatDateTime(d.consentAt, locale),
                  recorder: d.recordedByName ?? translate('lt.applicants.recorded_by_applicant'),
                })}
              </Typography>
            ))}
          </Alert>
        )}
        <Typography variant="subtitle2">{translate('lt.applicants.other_applications')}</Typography>
        {o.otherApplications.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('lt.applicants.no_other_applications')}
          </Typography>
        ) : (
          <Table size="small" sx={{ mb: 2 }} data-testid="applicant-other-applications">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.cases.fields.trackingCode')}</TableCell>
                <TableCell>{translate('resources.cases.fields.serviceName')}</TableCell>
                <TableCell>{translate('lt.applicants.opd')}</TableCell>
                <TableCell>{translate('resources.cases.fields.state')}</TableCell>
                <TableCell>{translate('resources.cases.fields.submittedAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {o.otherApplications.map((c) => (
                <TableRow key={c.id} data-testid={`applicant-case-${c.trackingCode}`}>
                  <TableCell>
                    <Link component={RouterLink} to={`/cases/${c.id}/show`} sx={{ fontFamily: 'monospace' }}>
                      {c.trackingCode}
                    </Link>
                  </TableCell>
                  <TableCell>{c.serviceName}</TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" label={c.opdName} color={c.opdId === record.opdId ? 'default' : 'secondary'} />
                  </TableCell>
                  <TableCell>{states.get(c.state) ?? c.state}</TableCell>
                  <TableCell>{formatDate(c.submittedAt, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Typography variant="subtitle2">{translate('lt.applicants.verified_documents')}</Typography>
        {reusable.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('lt.applicants.no_verified_documents')}
          </Typography>
        ) : (
          <Table size="small" data-testid="applicant-verified-documents">
            <TableBody>
              {reusable.map((d) => (
                <TableRow key={d.documentId}>
                  <TableCell>{label(d.requirementKey)}</TableCell>
                  <TableCell>
                    <Typography variant="body2">{d.fileName}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {verifiedText(d)}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    {canUpload && (
                      <Button size="small" onClick={() => setReusing(d)} data-testid={`reuse-${d.documentId}`}>
                        {translate('lt.applicants.reuse')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {reusing && <ReuseDialog record={record} doc={reusing} label={label(reusing.requirementKey)} onClose={() => setReusing(null)} />}
      </CardContent>
    </Card>
  );
}

function ReuseDialog({
  record,
  doc,
  label,
  onClose,
}: {
  record: CaseDetail;
  doc: VerifiedDocumentView;
  label: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [consent, setConsent] = useState(false);
  const { busy, run } = useBusyAction();
  const reuse = () =>
    run(async () => {
      await applicantsApi.reuse(record.id, doc.documentId);
      notify('lt.applicants.reused_done', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['applicant', record.id] });
      refresh();
      onClose();
    });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('lt.applicants.reuse_title', { requirement: label })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('lt.applicants.reuse_hint', {
            file: doc.fileName,
            opd: doc.opdName,
            code: doc.trackingCode,
            by: doc.verifiedByName ?? '—',
            at: formatDateTime(doc.verifiedAt, locale),
          })}
        </Typography>
        <FormControlLabel
          control={<Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="reuse-consent" />}
          label={translate('lt.applicants.reuse_consent', { requirement: label })}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!consent || busy} onClick={() => void reuse()} data-testid="reuse-confirm">
          {translate('lt.applicants.reuse')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
