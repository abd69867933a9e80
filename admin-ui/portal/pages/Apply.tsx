// /portal/ajukan/<id> — the application form: applicant, address, the service's own fields,
// one upload per document requirement, and a progress bar while it is sent.
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { formValueProblem, nikProblem, normalisePhone, type NotificationChannel } from '@layanan/contracts';
import {
  ACCEPT_ATTR,
  ApiError,
  MAX_FILE_BYTES,
  NetworkError,
  fileProblem,
  getNotificationChannels,
  getService,
  newIdempotencyKey,
  saveReceipt,
  submitApplication,
  type ApplicationInput,
  type FormField,
  type PublicService,
  type Requirement,
} from '../api';
import { useI18n, type I18n, type MessageKey } from '../i18n';
import { KECAMATAN, KELURAHAN, isKecamatan } from '../kelurahan';
import { Link, navigate, paths } from '../router';
import {
  DayMonthYearInput,
  ErrorBox,
  Field,
  Loading,
  ProgressBar,
  describedBy,
  errorMessage,
  fieldErrorMessage,
  useAsync,
  usePageTitle,
} from '../ui';

const NIK_PROBLEMS: Record<string, MessageKey> = {
  'must be exactly 16 digits': 'err.nikLength',
  'has an unknown province code': 'err.nikProvince',
  'has an invalid regency or district code': 'err.nikRegion',
  'has an invalid birth date': 'err.nikDate',
  'has a zero sequence number': 'err.nikSequence',
};

function nikError(nik: string, t: I18n['t']): string | null {
  const problem = nikProblem(nik);
  if (problem === null) return null;
  return t(NIK_PROBLEMS[problem] ?? 'err.nikInvalid', { n: nik.length });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Error keys follow the API's `details[].field`; each maps to the control's element id. */
const APPLICANT_IDS: Record<string, string> = {
  'applicant.nik': 'nik',
  'applicant.name': 'name',
  'applicant.phone': 'phone',
  'applicant.email': 'email',
  'applicant.address.street': 'street',
  'applicant.address.kecamatan': 'kecamatan',
  'applicant.address.kelurahan': 'kelurahan',
};
const formKey = (key: string) => `formData.${key}`;
const docKey = (key: string) => `doc_${key}`;

function elementIdFor(errorKey: string): string | null {
  if (APPLICANT_IDS[errorKey]) return APPLICANT_IDS[errorKey];
  if (errorKey.startsWith('formData.')) return `form-${errorKey.slice('formData.'.length)}`;
  if (errorKey.startsWith('doc_')) return `doc-${errorKey.slice('doc_'.length)}`;
  return null;
}

/** The server may name a field more loosely ("nik", "address.street", "kk"): find ours. */
function matchErrorKey(field: string, known: Set<string>): string | null {
  const candidates = [
    field,
    `applicant.${field}`,
    `applicant.address.${field}`,
    `formData.${field}`,
    `doc_${field}`,
    field.replace(/^documents?\./, 'doc_'),
  ];
  return candidates.find((c) => known.has(c)) ?? null;
}

interface Applicant {
  nik: string;
  name: string;
  phone: string;
  email: string;
  street: string;
  kecamatan: string;
  kelurahan: string;
}

type Phase =
  { kind: 'idle' } | { kind: 'sending'; loaded: number; total: number } | { kind: 'failed'; message: string; unmatched: string[] };

export function ApplyPage({ id }: { id: string }) {
  const { t } = useI18n();
  const state = useAsync(() => getService(id), [id]);
  usePageTitle(state.status === 'ok' ? `${t('apply.heading')}: ${state.data.name}` : t('apply.heading'));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    const missing = state.error instanceof ApiError && state.error.status === 404;
    return (
      <>
        <ErrorBox error={state.error} message={missing ? t('service.notFound') : undefined} onRetry={missing ? undefined : state.reload} />
        <Link href={paths.catalog()}>{t('common.toCatalog')}</Link>
      </>
    );
  }
  return <ApplyForm service={state.data} />;
}

function ApplyForm({ service }: { service: PublicService }) {
  const i18n = useI18n();
  const { t } = i18n;
  const docs = service.requirements.filter((r) => r.kind === 'document');
  const [applicant, setApplicant] = useState<Applicant>({
    nik: '',
    name: '',
    phone: '',
    email: '',
    street: '',
    kecamatan: '',
    kelurahan: '',
  });
  const [formData, setFormData] = useState<Record<string, string>>({});
  // Channels this installation sends on; the citizen's tick on one is the consent.
  const available = useAsync(getNotificationChannels, []);
  const [notify, setNotify] = useState<NotificationChannel[]>([]);
  const toggleNotify = (c: NotificationChannel, on: boolean) =>
    setNotify((prev) => (on ? [...prev.filter((x) => x !== c), c] : prev.filter((x) => x !== c)));
  const [files, setFiles] = useState<Record<string, File>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [nikTouched, setNikTouched] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // One key per form fill, reused on every retry: a double tap or a dropped connection
  // must not create a second application.
  const idempotencyKey = useRef(newIdempotencyKey());
  const inFlight = useRef(false);

  const limit = i18n.size(MAX_FILE_BYTES);
  const sending = phase.kind === 'sending';

  const setError = (key: string, message: string | null) =>
    setErrors((prev) => {
      if (!message && !(key in prev)) return prev;
      const next = { ...prev };
      if (message) next[key] = message;
      else delete next[key];
      return next;
    });

  const update = (field: keyof Applicant, value: string) => {
    setApplicant((prev) => ({ ...prev, [field]: value }));
    if (field !== 'nik')
      setError(`applicant.${field === 'street' || field === 'kecamatan' || field === 'kelurahan' ? `address.${field}` : field}`, null);
  };

  // NIK: digits only, checked on every keystroke once it has 16 digits (or more), and on blur.
  const onNik = (e: ChangeEvent<HTMLInputElement>) => {
    const nik = e.target.value.replace(/\D/g, '');
    update('nik', nik);
    setError('applicant.nik', nik.length >= 16 || (nikTouched && nik.length > 0) ? nikError(nik, t) : null);
  };
  const nikLive =
    applicant.nik.length === 0 ? t('apply.nikHint') : applicant.nik.length < 16 ? t('apply.nikCount', { n: applicant.nik.length }) : null;
  const nikOk = applicant.nik.length === 16 && nikProblem(applicant.nik) === null;

  const onFile = (req: Requirement, e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      // Refuse before a single byte is sent, naming the limit.
      e.target.value = '';
      setFiles((prev) => {
        const next = { ...prev };
        delete next[req.key];
        return next;
      });
      setError(docKey(req.key), problem === 'tooBig' ? t('err.fileTooBig', { size: i18n.size(file.size), limit }) : t('err.fileType'));
      return;
    }
    setFiles((prev) => ({ ...prev, [req.key]: file }));
    setError(docKey(req.key), null);
  };

  const removeFile = (key: string) => {
    setFiles((prev) => {
      const next = { ...prev };
      delete next[key];
      return next;
    });
    const input = document.getElementById(`doc-${key}`);
    if (input instanceof HTMLInputElement) input.value = '';
  };

  const validate = (): Record<string, string> => {
    const found: Record<string, string> = {};
    const nik = nikError(applicant.nik, t);
    if (!applicant.nik) found['applicant.nik'] = t('err.required');
    else if (nik) found['applicant.nik'] = nik;
    if (!applicant.name.trim()) found['applicant.name'] = t('err.required');
    if (!applicant.phone.trim()) found['applicant.phone'] = t('err.required');
    else if (!normalisePhone(applicant.phone)) found['applicant.phone'] = t('err.phone');
    if (applicant.email.trim() && !EMAIL.test(applicant.email.trim())) found['applicant.email'] = t('err.email');
    else if (!applicant.email.trim() && notify.includes('email')) found['applicant.email'] = t('err.emailForNotify');
    if (!applicant.street.trim()) found['applicant.address.street'] = t('err.required');
    if (!applicant.kecamatan) found['applicant.address.kecamatan'] = t('err.required');
    if (!applicant.kelurahan.trim()) found['applicant.address.kelurahan'] = t('err.required');
    for (const f of service.formFields) {
      const v = (formData[f.key] ?? '').trim();
      if (f.required && !v) found[formKey(f.key)] = t('err.required');
      else if (v && f.type === 'number' && !Number.isFinite(Number(v))) found[formKey(f.key)] = t('err.number');
      else if (v && f.type === 'date' && formValueProblem(f, v) === 'date') found[formKey(f.key)] = t('err.date');
    }
    for (const d of docs) {
      // Conditional requirements ("jika hilang") are left for the verifier to judge.
      if (d.mandatory && !d.condition && !files[d.key]) found[docKey(d.key)] = t('err.docRequired');
    }
    return found;
  };

  const focusFirst = (found: Record<string, string>) => {
    const order = [...Object.keys(APPLICANT_IDS), ...service.formFields.map((f) => formKey(f.key)), ...docs.map((d) => docKey(d.key))];
    const first = order.find((k) => k in found);
    const el = first ? document.getElementById(elementIdFor(first) ?? '') : null;
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    setNikTouched(true);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setPhase({ kind: 'failed', message: t('apply.fixErrors'), unmatched: [] });
      focusFirst(found);
      return;
    }
    const input: ApplicationInput = {
      serviceId: service.id,
      applicant: {
        nik: applicant.nik,
        name: applicant.name.trim(),
        phone: normalisePhone(applicant.phone) ?? applicant.phone,
        ...(applicant.email.trim() ? { email: applicant.email.trim() } : {}),
        address: { street: applicant.street.trim(), kelurahan: applicant.kelurahan.trim(), kecamatan: applicant.kecamatan },
      },
      formData: Object.fromEntries(
        service.formFields
          .filter((f) => (formData[f.key] ?? '').trim() !== '')
          .map((f) => [f.key, f.type === 'number' ? Number(formData[f.key]) : (formData[f.key] ?? '').trim()]),
      ),
      notifications: {
        channels: notify.filter((c) => available.status === 'ok' && available.data.includes(c)),
        locale: i18n.lang,
      },
    };
    const parts = docs.filter((d) => files[d.key]).map((d) => ({ requirementKey: d.key, file: files[d.key] }));
    inFlight.current = true;
    const total = parts.reduce((n, p) => n + p.file.size, 0);
    setPhase({ kind: 'sending', loaded: 0, total });
    try {
      const receipt = await submitApplication(input, parts, idempotencyKey.current, (p) =>
        setPhase({ kind: 'sending', loaded: p.loaded, total: p.total }),
      );
      saveReceipt(receipt);
      navigate(paths.receipt(receipt.trackingCode), { state: receipt });
    } catch (error: unknown) {
      if (error instanceof NetworkError) {
        // Same key on the next press: the server answers with the application it already made.
        setPhase({ kind: 'failed', message: t('apply.retryHint'), unmatched: [] });
      } else if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 429) {
        // Refused as invalid: nothing was created, so corrected data gets a fresh key.
        idempotencyKey.current = newIdempotencyKey();
        const known = new Set([
          ...Object.keys(APPLICANT_IDS),
          ...service.formFields.map((f) => formKey(f.key)),
          ...docs.map((d) => docKey(d.key)),
        ]);
        const fieldErrors: Record<string, string> = {};
        const unmatched: string[] = [];
        const fieldText = fieldErrorMessage(error, t);
        for (const d of error.details) {
          const key = matchErrorKey(d.field, known);
          if (key) fieldErrors[key] = fieldText;
          else unmatched.push(`${fieldText} (${d.field})`);
        }
        setErrors(fieldErrors);
        setPhase({ kind: 'failed', message: errorMessage(error, t), unmatched });
        focusFirst(fieldErrors);
      } else {
        setPhase({ kind: 'failed', message: errorMessage(error, t), unmatched: [] });
      }
    } finally {
      inFlight.current = false;
    }
  };

  // Parts go in order after the JSON, so bytes sent tell which file is on the wire.
  const fileProgress = (key: string): number | null => {
    if (phase.kind !== 'sending') return null;
    let offset = Math.max(0, phase.total - docs.reduce((n, d) => n + (files[d.key]?.size ?? 0), 0));
    for (const d of docs) {
      const f = files[d.key];
      if (!f) continue;
      if (d.key === key) return Math.max(0, Math.min(1, (phase.loaded - offset) / Math.max(1, f.size)));
      offset += f.size;
    }
    return null;
  };

  const err = (key: string) => errors[key] ?? null;
  const kelurahanOptions = isKecamatan(applicant.kecamatan) ? KELURAHAN[applicant.kecamatan] : KECAMATAN.flatMap((k) => KELURAHAN[k]);
  const percent = phase.kind === 'sending' && phase.total > 0 ? (phase.loaded / phase.total) * 100 : 0;

  return (
    <form className="apply" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="apply-form">
      <p className="breadcrumb">
        <Link href={paths.service(service.id)}>← {service.name}</Link>
      </p>
      <h1>{t('apply.heading')}</h1>
      <p className="lead">
        {service.name} · {service.opdName}
      </p>
      <p className="hint">{t('apply.intro')}</p>

      <fieldset disabled={sending}>
        <legend>{t('apply.sectionApplicant')}</legend>
        <Field
          id="nik"
          label={t('apply.nik')}
          required
          hint={err('applicant.nik') ? null : nikOk ? <span className="ok">✓ {t('apply.nikOk')}</span> : nikLive}
          error={err('applicant.nik')}
        >
          <input
            id="nik"
            data-testid="nik"
            inputMode="numeric"
            autoComplete="off"
            value={applicant.nik}
            onChange={onNik}
            onBlur={() => {
              setNikTouched(true);
              if (applicant.nik) setError('applicant.nik', nikError(applicant.nik, t));
            }}
            aria-invalid={!!err('applicant.nik')}
            aria-describedby={describedBy('nik', !err('applicant.nik') && (nikOk || !!nikLive), !!err('applicant.nik'))}
          />
        </Field>
        <Field id="name" label={t('apply.name')} required error={err('applicant.name')}>
          <input
            id="name"
            data-testid="name"
            autoComplete="name"
            autoCapitalize="words"
            value={applicant.name}
            onChange={(e) => update('name', e.target.value)}
            aria-invalid={!!err('applicant.name')}
            aria-describedby={describedBy('name', false, !!err('applicant.name'))}
          />
        </Field>
        <Field id="phone" label={t('apply.phone')} required hint={t('apply.phoneHint')} error={err('applicant.phone')}>
          <input
            id="phone"
            data-testid="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={applicant.phone}
            onChange={(e) => update('phone', e.target.value)}
            onBlur={() => applicant.phone.trim() && setError('applicant.phone', normalisePhone(applicant.phone) ? null : t('err.phone'))}
            aria-invalid={!!err('applicant.phone')}
            aria-describedby={describedBy('phone', true, !!err('applicant.phone'))}
          />
        </Field>
        <Field id="email" label={t('apply.email')} error={err('applicant.email')}>
          <input
            id="email"
            data-testid="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            value={applicant.email}
            onChange={(e) => update('email', e.target.value)}
            aria-invalid={!!err('applicant.email')}
            aria-describedby={describedBy('email', false, !!err('applicant.email'))}
          />
        </Field>
      </fieldset>

      <fieldset disabled={sending} data-testid="notify-section">
        <legend>{t('apply.sectionNotify')}</legend>
        {available.status === 'ok' && available.data.length === 0 && (
          <p className="hint" data-testid="notify-unavailable">
            {t('apply.notifyUnavailable')}
          </p>
        )}
        {available.status === 'ok' && available.data.length > 0 && (
          <>
            <p className="hint">{t('apply.notifyIntro')}</p>
            {available.data.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  data-testid={`notify-${c}`}
                  checked={notify.includes(c)}
                  onChange={(e) => toggleNotify(c, e.target.checked)}
                />{' '}
                {t(c === 'email' ? 'apply.notifyEmail' : 'apply.notifyWhatsapp')}
              </label>
            ))}
            <p className="hint">{t('apply.notifyNone')}</p>
          </>
        )}
      </fieldset>

      <fieldset disabled={sending}>
        <legend>{t('apply.sectionAddress')}</legend>
        <Field id="street" label={t('apply.street')} required error={err('applicant.address.street')}>
          <input
            id="street"
            data-testid="street"
            autoComplete="street-address"
            value={applicant.street}
            onChange={(e) => update('street', e.target.value)}
            aria-invalid={!!err('applicant.address.street')}
            aria-describedby={describedBy('street', false, !!err('applicant.address.street'))}
          />
        </Field>
        <Field id="kecamatan" label={t('apply.kecamatan')} required error={err('applicant.address.kecamatan')}>
          <select
            id="kecamatan"
            data-testid="kecamatan"
            value={applicant.kecamatan}
            onChange={(e) => update('kecamatan', e.target.value)}
            aria-invalid={!!err('applicant.address.kecamatan')}
            aria-describedby={describedBy('kecamatan', false, !!err('applicant.address.kecamatan'))}
          >
            <option value="">{t('apply.kecamatanChoose')}</option>
            {KECAMATAN.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="kelurahan"
          label={t('apply.kelurahan')}
          required
          hint={t('apply.kelurahanHint')}
          error={err('applicant.address.kelurahan')}
        >
          <input
            id="kelurahan"
            data-testid="kelurahan"
            list="kelurahan-list"
            autoComplete="off"
            value={applicant.kelurahan}
            onChange={(e) => update('kelurahan', e.target.value)}
            aria-invalid={!!err('applicant.address.kelurahan')}
            aria-describedby={describedBy('kelurahan', true, !!err('applicant.address.kelurahan'))}
          />
          <datalist id="kelurahan-list">
            {kelurahanOptions.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </Field>
      </fieldset>

      {service.formFields.length > 0 && (
        <fieldset disabled={sending}>
          <legend>{t('apply.sectionForm')}</legend>
          {service.formFields.map((f) => (
            <FormFieldInput
              key={f.key}
              field={f}
              value={formData[f.key] ?? ''}
              error={err(formKey(f.key))}
              onChange={(v) => {
                setFormData((prev) => ({ ...prev, [f.key]: v }));
                setError(formKey(f.key), null);
              }}
            />
          ))}
        </fieldset>
      )}

      {docs.length > 0 && (
        <fieldset disabled={sending}>
          <legend>{t('apply.sectionDocs')}</legend>
          <p className="hint">{t('apply.docsIntro', { limit })}</p>
          {docs.map((d) => {
            const file = files[d.key];
            const progress = file ? fileProgress(d.key) : null;
            const inputId = `doc-${d.key}`;
            return (
              <Field
                key={d.key}
                id={inputId}
                label={d.label}
                required={d.mandatory}
                hint={d.condition ? t('service.condition', { condition: d.condition }) : null}
                error={err(docKey(d.key))}
              >
                <input
                  id={inputId}
                  data-testid={inputId}
                  className="file-input"
                  type="file"
                  accept={ACCEPT_ATTR}
                  onChange={(e) => onFile(d, e)}
                  aria-invalid={!!err(docKey(d.key))}
                  aria-describedby={describedBy(inputId, !!d.condition, !!err(docKey(d.key)))}
                />
                <label htmlFor={inputId} className="btn btn-secondary file-btn" aria-hidden="true">
                  {file ? t('apply.fileChange') : t('apply.fileChoose')}
                </label>
                {file && (
                  <div className="file-chosen">
                    <span>{t('apply.fileChosen', { name: file.name, size: i18n.size(file.size) })}</span>
                    {!sending && (
                      <button type="button" className="btn-link" onClick={() => removeFile(d.key)}>
                        {t('apply.fileRemove')}
                      </button>
                    )}
                    {progress !== null && (
                      <div className="progress-track small-track" aria-hidden="true">
                        <div className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
                      </div>
                    )}
                  </div>
                )}
              </Field>
            );
          })}
        </fieldset>
      )}

      {phase.kind === 'failed' && (
        <div className="alert alert-error" role="alert" data-testid="apply-error">
          <p>{phase.message}</p>
          {phase.unmatched.length > 0 && (
            <ul>
              {phase.unmatched.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {phase.kind === 'sending' && (
        <ProgressBar
          percent={percent}
          label={percent >= 100 ? t('apply.uploadDone') : t('apply.uploading', { percent: Math.round(percent) })}
        />
      )}

      <button type="submit" className="btn btn-primary btn-block" data-testid="submit" disabled={sending} aria-busy={sending}>
        {sending ? t('apply.submitting') : t('apply.submit')}
      </button>
      <p className="hint center">{t('apply.privacy')}</p>
    </form>
  );
}

function FormFieldInput({
  field,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: string;
  error: string | null;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const id = `form-${field.key}`;
  const common = {
    id,
    'data-testid': id,
    value,
    'aria-invalid': !!error,
    'aria-describedby': describedBy(id, false, !!error),
  };
  return (
    <Field id={id} label={field.label} required={field.required} error={error}>
      {field.type === 'select' ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('apply.chooseOption')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : field.type === 'date' ? (
        <DayMonthYearInput {...common} onChange={onChange} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
