// Small building blocks shared by the portal pages.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { isTrackingCode } from '@layanan/contracts';
import { ApiError, NetworkError, type PublicService } from './api';
import { useI18n, type I18n } from './i18n';
import { FIELD_ERROR_CODES, type ShownError } from './i18n-errors';

/** The code to explain: the API's, else one from the status (a proxy's answer has no body). */
export function errorCodeOf(error: unknown): ShownError {
  if (error instanceof NetworkError) return 'NETWORK';
  if (!(error instanceof ApiError)) return 'UNKNOWN';
  if (error.code) return error.code;
  if (error.status === 404) return 'NOT_FOUND';
  if (error.status === 413) return 'REQUEST_TOO_LARGE';
  if (error.status === 429) return 'RATE_LIMITED';
  if (error.status === 503) return 'SERVICE_UNAVAILABLE';
  return error.status >= 500 ? 'INTERNAL' : 'UNKNOWN';
}

/**
 * The one place the portal turns a failure into text, in the citizen's language: keyed on the
 * API's domain `code`, never its English `message`.
 */
export function errorMessage(error: unknown, t: I18n['t']): string {
  return t(`error.${errorCodeOf(error)}`);
}

/** The text under a field the API named in `details`. */
export function fieldErrorMessage(error: ApiError, t: I18n['t']): string {
  const code = FIELD_ERROR_CODES.find((c) => c === error.code) ?? 'FIELD_INVALID';
  return t(`errorField.${code}`);
}

type AsyncState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: unknown };

/** Loads data for a page; reload() runs the loader again. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (data) => live && setState({ status: 'ok', data }),
      (error: unknown) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
    // The loader is re-created each render; deps say when it must run again.
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

export function ErrorBox({ error, onRetry, message }: { error?: unknown; message?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <p>{message ?? errorMessage(error, t)}</p>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  /** Show "(opsional)" on fields that are not required; off where it would mislead. */
  markOptional?: boolean;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
}

/** Label, control, hint and error, wired together for screen readers. */
export function Field({ id, label, required, markOptional = true, hint, error, children }: FieldProps) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="req" aria-label={t('common.required')}>
            {' '}
            *
          </span>
        ) : (
          markOptional && <span className="muted"> ({t('common.optional')})</span>
        )}
      </label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** aria-describedby for a control rendered inside <Field>. */
export function describedBy(id: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="progress" data-testid="upload-progress">
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-label={label}>
        <div className="progress-fill" style={{ width: `${value}%` }} />
      </div>
      <p className="hint" aria-live="polite">
        {label}
      </p>
    </div>
  );
}

export function usePageTitle(title: string | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.title')}` : t('app.title');
  }, [title, t]);
}

/** "1. Foo. 2. Bar." -> ["Foo.", "Bar."]; one-paragraph procedures stay as they are. */
export function procedureSteps(procedure: string): string[] {
  const lines = procedure
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 1) return lines.map((l) => l.replace(/^\d+[.)]\s*/, ''));
  const parts = procedure
    .split(/(?:^|\s)\d+[.)]\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 ? parts : lines;
}

export function slaText(service: Pick<PublicService, 'slaAmount' | 'slaUnit'>, i18n: I18n): string {
  return i18n.t(service.slaUnit === 'hours' ? 'service.slaHours' : 'service.slaDays', { n: i18n.number(service.slaAmount) });
}

export function feeText(service: Pick<PublicService, 'feeAmount'>, i18n: I18n): string {
  return service.feeAmount === 0 ? i18n.t('service.free') : i18n.money(service.feeAmount);
}

/** dd/mm/yyyy as typed so far (digits only, slashes put in) from an ISO date or typed text. */
export function dayMonthYear(raw: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  const d = raw.replace(/\D/g, '').slice(0, 8);
  return [d.slice(0, 2), d.slice(2, 4), d.slice(4)].filter(Boolean).join('/');
}

/** The ISO date (YYYY-MM-DD) of a complete, real dd/mm/yyyy; null otherwise. */
export function isoOfDayMonthYear(text: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * A date typed the Indonesian way, dd/mm/yyyy, whatever the browser's locale (a native date
 * input shows the device's format). `value` and `onChange` carry the ISO date once the text
 * is a real date, the text as typed until then (which the form's date check refuses).
 */
export function DayMonthYearInput({
  value,
  onChange,
  ...rest
}: {
  id: string;
  'data-testid': string;
  value: string;
  onChange: (value: string) => void;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}) {
  const [text, setText] = useState(() => dayMonthYear(value));
  useEffect(() => {
    // A value set from outside (a restored draft): show it.
    if ((isoOfDayMonthYear(text) ?? text) !== value) setText(dayMonthYear(value));
  }, [value]);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      data-format="dd/mm/yyyy"
      maxLength={10}
      value={text}
      onChange={(e) => {
        const next = dayMonthYear(e.target.value);
        setText(next);
        onChange(isoOfDayMonthYear(next) ?? next);
      }}
    />
  );
}

/** "dkc 7f3k 92qx" or "DKC7F3K92QX" -> "DKC-7F3K-92QX". */
export function normaliseCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.length === 11 ? `${compact.slice(0, 3)}-${compact.slice(3, 7)}-${compact.slice(7)}` : raw.toUpperCase().trim();
}

export interface TrackingCredentials {
  code: string;
  factor: string;
}

/** What is wrong with a typed code and factor (empty when both are well-formed). */
export function credentialErrors(c: TrackingCredentials, t: I18n['t']): { code?: string; factor?: string } {
  const found: { code?: string; factor?: string } = {};
  if (!isTrackingCode(c.code)) found.code = t('track.codeFormat');
  if (!/^\d{4}$/.test(c.factor)) found.factor = t('track.factorFormat');
  return found;
}

/** The typed code and factor of a page, and `check`: normalise, mark what is wrong, go on with well-formed values. */
export function useTrackingCredentials(initial: () => TrackingCredentials) {
  const { t } = useI18n();
  const [creds, setCreds] = useState(initial);
  const [errors, setErrors] = useState<{ code?: string; factor?: string }>({});
  const check = (then: (c: TrackingCredentials) => void) => {
    const c = { ...creds, code: normaliseCode(creds.code) };
    setCreds(c);
    const found = credentialErrors(c, t);
    setErrors(found);
    if (!found.code && !found.factor) then(c);
  };
  return { creds, setCreds, errors, check };
}

/**
 * The tracking code and the last 4 digits of the NIK or phone, as the tracking and survey
 * pages ask for them; `prefix` names the inputs (`<prefix>-code`, `<prefix>-factor`: ids and
 * test ids).
 */
export function TrackingCredentialsFields({
  prefix,
  value,
  errors,
  onChange,
}: {
  prefix: string;
  value: TrackingCredentials;
  errors: { code?: string; factor?: string };
  onChange: (next: TrackingCredentials) => void;
}) {
  const { t } = useI18n();
  const codeId = `${prefix}-code`;
  const factorId = `${prefix}-factor`;
  return (
    <>
      <Field id={codeId} label={t('track.code')} required error={errors.code}>
        <input
          id={codeId}
          data-testid={codeId}
          className="mono"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('track.codePlaceholder')}
          value={value.code}
          onChange={(e) => onChange({ ...value, code: e.target.value.toUpperCase() })}
          onBlur={() => onChange({ ...value, code: normaliseCode(value.code) })}
          aria-invalid={!!errors.code}
          aria-describedby={describedBy(codeId, false, !!errors.code)}
        />
      </Field>
      <Field id={factorId} label={t('track.factor')} required error={errors.factor}>
        <input
          id={factorId}
          data-testid={factorId}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          value={value.factor}
          onChange={(e) => onChange({ ...value, factor: e.target.value.replace(/\D/g, '').slice(0, 4) })}
          aria-invalid={!!errors.factor}
          aria-describedby={describedBy(factorId, false, !!errors.factor)}
        />
      </Field>
    </>
  );
}
