// /portal/verifikasi/{code} (the QR code's target) and /portal/verifikasi (verify by upload).
import { useState, type FormEvent } from 'react';
import { ApiError, verifyCode, verifyFile, type VerificationResult } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { ErrorBox, Field, Loading, errorMessage, useAsync, usePageTitle } from '../ui';

const METHOD: Record<string, MessageKey> = {
  'seal/local': 'verify.methodSealLocal',
  'seal/bsre': 'verify.methodSealBsre',
  'personal/local': 'verify.methodPersonalLocal',
  'personal/bsre': 'verify.methodPersonalBsre',
};

export function VerifyPage({ code }: { code: string | null }) {
  const { t } = useI18n();
  usePageTitle(t('verify.heading'));
  return (
    <>
      <h1>{t('verify.heading')}</h1>
      <p className="hint">{t('verify.intro')}</p>
      {code ? <ByCode code={code} /> : <ByUpload />}
    </>
  );
}

function ByCode({ code }: { code: string }) {
  const { t } = useI18n();
  const state = useAsync(() => verifyCode(code), [code]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    const notFound = state.error instanceof ApiError && state.error.status === 404;
    return (
      <ErrorBox message={notFound ? t('verify.notFound') : undefined} error={state.error} onRetry={notFound ? undefined : state.reload} />
    );
  }
  return (
    <>
      <VerificationView result={state.data} />
      <Compare code={code} />
    </>
  );
}

function ByUpload() {
  const { t } = useI18n();
  const [result, setResult] = useState<VerificationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setError(t('verify.pdfOnly'));
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyFile(file));
    } catch (err: unknown) {
      setError(err instanceof ApiError && err.status === 404 ? t('verify.notIssued') : errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form className="track-form" noValidate onSubmit={(e) => void submit(e)}>
        <Field id="verify-file" label={t('verify.uploadLabel')} required error={error}>
          <input
            id="verify-file"
            data-testid="verify-file"
            className="file-input"
            type="file"
            accept="application/pdf,.pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <label htmlFor="verify-file" className="btn btn-secondary file-btn" aria-hidden="true">
            {file ? file.name : t('verify.choose')}
          </label>
        </Field>
        <button type="submit" className="btn btn-primary btn-block" data-testid="verify-submit" disabled={busy}>
          {busy ? t('verify.checking') : t('verify.uploadSubmit')}
        </button>
      </form>
      {result && <VerificationView result={result} />}
    </>
  );
}

function Compare({ code }: { code: string }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const r = await verifyFile(file, code);
      setOutcome({ ok: r.fileMatches === true, text: r.fileMatches ? t('verify.fileMatches') : t('verify.fileDiffers') });
    } catch (err: unknown) {
      setOutcome({ ok: false, text: errorMessage(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel">
      <h2>{t('verify.compareHeading')}</h2>
      <p className="hint">{t('verify.compareIntro')}</p>
      <input
        type="file"
        accept="application/pdf,.pdf"
        data-testid="verify-compare"
        disabled={busy}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {busy && <p className="muted">{t('verify.checking')}</p>}
      {outcome && (
        <p className={`alert ${outcome.ok ? 'alert-ok' : 'alert-error'}`} role="alert" data-testid="verify-compare-result">
          {outcome.text}
        </p>
      )}
    </section>
  );
}

function VerificationView({ result }: { result: VerificationResult }) {
  const i18n = useI18n();
  const { t } = i18n;
  const when = result.revokedAt ? i18n.dateTime(result.revokedAt) : '';
  const banner =
    result.status === 'valid'
      ? { cls: 'alert-ok', label: t('verify.statusValid'), hint: t('verify.statusValidHint') }
      : result.status === 'revoked'
        ? { cls: 'alert-error', label: t('verify.statusRevoked'), hint: t('verify.statusRevokedHint', { date: when }) }
        : {
            cls: 'alert-warn',
            label: t('verify.statusSuperseded'),
            hint: t('verify.statusSupersededHint', { date: when, number: result.replacedByNumber ?? '' }),
          };
  return (
    <section className="track-result" aria-live="polite" data-testid="verify-result">
      <div className={`alert ${banner.cls}`}>
        <p className="status-label" data-testid="verify-status">
          {banner.label}
        </p>
        <p>{banner.hint}</p>
        {result.status !== 'valid' && result.revocationReason && (
          <p data-testid="verify-reason">
            <span className="strong">{t('verify.reason')}:</span> {result.revocationReason}
          </p>
        )}
      </div>
      <dl className="details">
        <dt>{t('verify.number')}</dt>
        <dd className="mono" data-testid="verify-number">
          {result.number}
        </dd>
        <dt>{t('verify.title')}</dt>
        <dd>{result.title}</dd>
        <dt>{t('verify.service')}</dt>
        <dd>{result.serviceName}</dd>
        <dt>{t('verify.opd')}</dt>
        <dd>{result.opdName}</dd>
        <dt>{t('verify.issuedAt')}</dt>
        <dd>{i18n.dateTime(result.issuedAt)}</dd>
        <dt>{t('verify.signer')}</dt>
        <dd>
          {result.signerName}
          <br />
          <span className="small">{result.signerPosition}</span>
        </dd>
        <dt>{t('verify.method')}</dt>
        <dd>{t(METHOD[`${result.signatureMode}/${result.signerKind}`] ?? 'verify.methodSealLocal')}</dd>
        <dt>{t('verify.applicant')}</dt>
        <dd data-testid="verify-applicant">{result.applicantName}</dd>
        <dt>{t('verify.hash')}</dt>
        <dd className="mono small" style={{ wordBreak: 'break-all' }}>
          {result.sha256}
        </dd>
      </dl>
      {result.fileMatches !== undefined && (
        <p className={`alert ${result.fileMatches ? 'alert-ok' : 'alert-error'}`} data-testid="verify-file-result">
          {result.fileMatches ? t('verify.fileMatches') : t('verify.fileDiffers')}
        </p>
      )}
    </section>
  );
}
