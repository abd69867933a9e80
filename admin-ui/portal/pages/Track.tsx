// /portal/lacak — status by tracking code + last 4 digits of NIK or phone; corrections and
// withdrawal when the case allows them.
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  ACCEPT_ATTR,
  ApiError,
  MAX_FILE_BYTES,
  issuedDocumentUrl,
  fileProblem,
  track,
  trackEvent,
  uploadCorrection,
  type TrackResult,
  type TrackedDocument,
} from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { Link, navigate, paths, queryParam } from '../router';
import {
  ErrorBox,
  Field,
  ProgressBar,
  describedBy,
  TrackingCredentialsFields,
  errorMessage,
  normaliseCode,
  usePageTitle,
  useTrackingCredentials,
} from '../ui';
import { ComplaintPanel } from './Complaint';
import { SurveyPanel } from './Survey';

const DOC_STATUS: Record<string, MessageKey> = {
  pending: 'doc.pending',
  valid: 'doc.valid',
  invalid: 'doc.invalid',
  missing: 'doc.missing',
};
const ROLES: Record<string, MessageKey> = {
  applicant: 'role.applicant',
  officer: 'role.officer',
  verifier: 'role.verifier',
  supervisor: 'role.supervisor',
  head: 'role.head',
  admin: 'role.admin',
  leadership: 'role.leadership',
  complaint_officer: 'role.complaint_officer',
  system: 'role.system',
};

type Lookup = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ok'; result: TrackResult } | { kind: 'error'; message: string };

export function TrackPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('track.heading'));
  const { creds, setCreds, errors, check } = useTrackingCredentials(() => ({ code: normaliseCode(queryParam('kode') ?? ''), factor: '' }));
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' });
  // The factor the result was fetched with: actions reuse it.
  const [auth, setAuth] = useState<{ code: string; factor: string } | null>(null);

  const fetchStatus = async (c: string, f: string, quiet = false) => {
    if (!quiet) setLookup({ kind: 'loading' });
    try {
      const result = await track(c, f);
      setLookup({ kind: 'ok', result });
      setAuth({ code: c, factor: f });
    } catch (error: unknown) {
      const message =
        error instanceof ApiError && (error.status === 404 || error.status === 403) ? t('track.notFound') : errorMessage(error, t);
      setLookup({ kind: 'error', message });
      setAuth(null);
    }
  };

  // The API words the status and the timeline in the portal's language: fetch again on a switch.
  const shownLang = useRef(lang);
  useEffect(() => {
    if (shownLang.current === lang) return;
    shownLang.current = lang;
    if (auth) void fetchStatus(auth.code, auth.factor, true);
  }, [lang]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    check((c) => {
      navigate(paths.track(c.code), { replace: true });
      void fetchStatus(c.code, c.factor);
    });
  };

  return (
    <>
      <h1>{t('track.heading')}</h1>
      <form className="track-form" noValidate onSubmit={onSubmit}>
        <p className="hint">{t('track.intro')}</p>
        <TrackingCredentialsFields prefix="track" value={creds} errors={errors} onChange={setCreds} />
        <button type="submit" className="btn btn-primary btn-block" data-testid="track-submit" disabled={lookup.kind === 'loading'}>
          {lookup.kind === 'loading' ? t('track.searching') : t('track.submit')}
        </button>
      </form>

      {lookup.kind === 'error' && <ErrorBox message={lookup.message} />}
      {lookup.kind === 'ok' && auth && (
        <TrackResultView
          key={lookup.result.trackingCode}
          result={lookup.result}
          code={auth.code}
          factor={auth.factor}
          refresh={() => fetchStatus(auth.code, auth.factor, true)}
        />
      )}
    </>
  );
}

function TrackResultView({
  result,
  code,
  factor,
  refresh,
}: {
  result: TrackResult;
  code: string;
  factor: string;
  refresh: () => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const returned = result.canResubmit;
  return (
    <section className="track-result" aria-live="polite" data-testid="track-result">
      <div className={`status-card${returned ? ' status-warn' : ''}`}>
        <p className="code-label">{t('track.status')}</p>
        <p className="status-label" data-testid="status-label">
          {result.statusLabel}
        </p>
        <p className="small">
          <span className="mono">{result.trackingCode}</span> · {result.serviceName}
        </p>
      </div>

      {result.steps.length > 1 && (
        <ol className="step-bar" aria-label={t('track.steps')} data-testid="step-bar">
          {result.steps.map((step, i) => (
            <li key={i} className={`step step-${step.status}`} aria-current={step.status === 'current' ? 'step' : undefined}>
              <span className="step-dot" aria-hidden="true">
                {step.status === 'done' ? '✓' : i + 1}
              </span>
              <span className="step-label">{step.label[i18n.lang]}</span>
              <span className="visually-hidden"> ({t(`track.step.${step.status}`)})</span>
            </li>
          ))}
        </ol>
      )}
      <SurveyPanel key={`${result.trackingCode}-${result.state}`} code={code} factor={factor} />
      <ComplaintPanel code={code} factor={factor} />

      {result.issuedDocument && (
        <section className="panel" data-testid="issued-document">
          <h2>{t('track.documentHeading')}</h2>
          <p className="strong">{result.issuedDocument.title}</p>
          <p className="small">
            {t('track.documentNumber', { number: result.issuedDocument.number, date: i18n.dateTime(result.issuedDocument.issuedAt) })}
          </p>
          <p className="hint">{t('track.documentIntro')}</p>
          <a className="btn btn-primary btn-block" href={issuedDocumentUrl(code, factor)} download data-testid="issued-download">
            {t('track.documentDownload')}
          </a>
          <Link href={paths.verify(result.issuedDocument.verificationCode)} className="small">
            {t('track.documentVerify')}
          </Link>
        </section>
      )}

      {result.returnReason && (
        <div className="alert alert-warn" data-testid="return-reason">
          <p className="strong">{t('track.returnReason')}</p>
          <p>{result.returnReason}</p>
        </div>
      )}

      <dl className="details">
        {result.nextStep && (
          <>
            <dt>{t('track.nextStep')}</dt>
            <dd data-testid="next-step">{result.nextStep}</dd>
          </>
        )}
        {result.expectedCompletion && (
          <>
            <dt>{t('track.expected')}</dt>
            <dd className="strong" data-testid="expected-completion">
              {i18n.dateTime(result.expectedCompletion)}
            </dd>
          </>
        )}
        <dt>{t('track.submittedAt')}</dt>
        <dd>{i18n.dateTime(result.submittedAt)}</dd>
        <dt>{t('track.opd')}</dt>
        <dd>{result.opdName}</dd>
      </dl>

      {result.canResubmit ? (
        <Resubmit result={result} code={code} factor={factor} refresh={refresh} />
      ) : (
        result.documents.length > 0 && (
          <section>
            <h2>{t('track.documents')}</h2>
            <ul className="doc-status">
              {result.documents.map((d) => (
                <li key={d.requirementKey} data-testid={`track-doc-${d.requirementKey}`}>
                  <span>{d.label}</span> <DocStatus status={d.status} />
                </li>
              ))}
            </ul>
          </section>
        )
      )}

      <section>
        <h2>{t('track.timeline')}</h2>
        {result.timeline.length === 0 ? (
          <p className="muted">{t('track.timelineEmpty')}</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {result.timeline.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <p className="strong">{e.label}</p>
                <p className="small muted">
                  {i18n.dateTime(e.at)}
                  {ROLES[e.actorRole] ? ` · ${t(ROLES[e.actorRole])}` : ''}
                </p>
                {e.message && <p className="small">{e.message}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      {result.canWithdraw && <Withdraw code={code} factor={factor} refresh={refresh} />}

      <button type="button" className="btn btn-secondary btn-block" onClick={() => void refresh()}>
        {t('track.refresh')}
      </button>
    </section>
  );
}

function DocStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const key = DOC_STATUS[status];
  return <span className={`tag tag-${status}`}>{key ? t(key) : status}</span>;
}

type UploadState = { kind: 'uploading'; percent: number } | { kind: 'done'; name: string } | { kind: 'error'; message: string };

function Resubmit({ result, code, factor, refresh }: { result: TrackResult; code: string; factor: string; refresh: () => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [uploads, setUploads] = useState<Record<string, UploadState>>({});
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const limit = i18n.size(MAX_FILE_BYTES);
  const set = (key: string, s: UploadState) => setUploads((prev) => ({ ...prev, [key]: s }));

  const onFile = async (doc: TrackedDocument, e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      input.value = '';
      set(doc.requirementKey, {
        kind: 'error',
        message: problem === 'tooBig' ? t('err.fileTooBig', { size: i18n.size(file.size), limit }) : t('err.fileType'),
      });
      return;
    }
    set(doc.requirementKey, { kind: 'uploading', percent: 0 });
    setMessage(null);
    try {
      await uploadCorrection(code, factor, doc.requirementKey, file, (p) =>
        set(doc.requirementKey, { kind: 'uploading', percent: (p.loaded / Math.max(1, p.total)) * 100 }),
      );
      set(doc.requirementKey, { kind: 'done', name: file.name });
      await refresh();
    } catch (error: unknown) {
      input.value = '';
      set(doc.requirementKey, { kind: 'error', message: errorMessage(error, t) });
    }
  };

  const pendingInvalid = result.documents.filter((d) => d.status === 'invalid' && uploads[d.requirementKey]?.kind !== 'done');
  const busy = sending || Object.values(uploads).some((u) => u.kind === 'uploading');

  const resubmit = async () => {
    if (pendingInvalid.length > 0) {
      setMessage({ ok: false, text: t('track.resubmitNeedsUpload') });
      return;
    }
    setSending(true);
    setMessage(null);
    try {
      await trackEvent(code, { factor, type: 'RESUBMIT' });
      setMessage({ ok: true, text: t('track.resubmitted') });
      await refresh();
    } catch (error: unknown) {
      setMessage({ ok: false, text: errorMessage(error, t) });
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="panel" data-testid="resubmit-panel">
      <h2>{t('track.resubmitHeading')}</h2>
      <p className="hint">
        {t('track.resubmitIntro')} {t('apply.docsIntro', { limit })}
      </p>
      {[...result.documents]
        .sort((a, b) => Number(b.status === 'invalid') - Number(a.status === 'invalid'))
        .map((d) => {
          const id = `fix-${d.requirementKey}`;
          const u = uploads[d.requirementKey];
          return (
            <Field
              key={d.requirementKey}
              id={id}
              label={d.label}
              required={d.status === 'invalid'}
              markOptional={false}
              error={u?.kind === 'error' ? u.message : null}
            >
              <p className="doc-line" data-testid={`track-doc-${d.requirementKey}`}>
                <DocStatus status={d.status} />
              </p>
              <input
                id={id}
                data-testid={`fix-${d.requirementKey}`}
                className="file-input"
                type="file"
                accept={ACCEPT_ATTR}
                disabled={busy}
                onChange={(e) => void onFile(d, e)}
                aria-describedby={describedBy(id, false, u?.kind === 'error')}
              />
              <label htmlFor={id} className="btn btn-secondary file-btn" aria-hidden="true">
                {u?.kind === 'done' ? t('apply.fileChange') : t('track.upload')}
              </label>
              {u?.kind === 'uploading' && (
                <ProgressBar percent={u.percent} label={t('apply.uploading', { percent: Math.round(u.percent) })} />
              )}
              {u?.kind === 'done' && <p className="ok small">✓ {t('track.uploaded', { name: u.name })}</p>}
            </Field>
          );
        })}
      {message && (
        <p className={`alert ${message.ok ? 'alert-ok' : 'alert-error'}`} role="alert">
          {message.text}
        </p>
      )}
      <button type="button" className="btn btn-primary btn-block" data-testid="resubmit" disabled={busy} onClick={() => void resubmit()}>
        {t('track.resubmit')}
      </button>
    </section>
  );
}

function Withdraw({ code, factor, refresh }: { code: string; factor: string; refresh: () => Promise<void> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const withdraw = async () => {
    if (!reason.trim()) {
      setError(t('err.required'));
      return;
    }
    if (!window.confirm(t('track.withdrawConfirm'))) return;
    setSending(true);
    setError(null);
    try {
      await trackEvent(code, { factor, type: 'WITHDRAW', reason: reason.trim() });
      await refresh();
    } catch (e: unknown) {
      setError(errorMessage(e, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <details className="panel withdraw">
      <summary>{t('track.withdrawHeading')}</summary>
      <p className="hint">{t('track.withdrawIntro')}</p>
      <Field id="withdraw-reason" label={t('track.withdrawReason')} required error={error}>
        <textarea
          id="withdraw-reason"
          data-testid="withdraw-reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={describedBy('withdraw-reason', false, !!error)}
        />
      </Field>
      <button type="button" className="btn btn-danger btn-block" data-testid="withdraw" disabled={sending} onClick={() => void withdraw()}>
        {t('track.withdraw')}
      </button>
    </details>
  );
}
