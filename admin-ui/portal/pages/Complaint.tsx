// /portal/pengaduan — file a complaint (pengaduan): about a tracked application (from the
// tracking page: the code in ?kode=, the factor in history state) or about a service.
// /portal/pengaduan/:code — the complaint's status and, once given, the answer.
import { useState, type FormEvent } from 'react';
import { COMPLAINT_MESSAGE_MIN, isComplaintCode, type NewComplaintInput, type NotificationChannel } from '@layanan/contracts';
import { ACCEPT_ATTR, ApiError, fileComplaint, fileProblem, getComplaint, getNotificationChannels, listServices } from '../api';
import { useI18n } from '../i18n';
import { navigate, paths, queryParam } from '../router';
import { ErrorBox, Field, Loading, describedBy, errorMessage, useAsync, usePageTitle } from '../ui';

const CASE_CODE = /^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const PHONE = /^(\+62|62|0)8[1-9][0-9]{6,10}$/;

function historyFactor(): string {
  const state: unknown = window.history.state;
  const f = typeof state === 'object' && state !== null ? (state as { factor?: unknown }).factor : undefined;
  return typeof f === 'string' && /^\d{4}$/.test(f) ? f : '';
}

/** "adu 7f3k 92qx m4td" -> "ADU-7F3K-92QX-M4TD". */
function normaliseComplaintCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.length === 15
    ? `${compact.slice(0, 3)}-${compact.slice(3, 7)}-${compact.slice(7, 11)}-${compact.slice(11)}`
    : raw.trim().toUpperCase();
}

/** On the tracking page: the way to a complaint about this application (the factor comes along). */
export function ComplaintPanel({ code, factor }: { code: string; factor: string }) {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="complaint-panel">
      <p>{t('complaint.trackPanel')}</p>
      <a
        className="btn btn-block"
        href={paths.complaint(code)}
        data-testid="complaint-link"
        onClick={(e) => {
          e.preventDefault();
          navigate(paths.complaint(code), { state: { factor } });
        }}
      >
        {t('complaint.toComplaint')}
      </a>
    </section>
  );
}

type Errors = Partial<Record<'serviceId' | 'name' | 'phone' | 'email' | 'message' | 'attachment', string>>;

export function ComplaintPage() {
  const { t, lang } = useI18n();
  // Channels this installation sends on; the complainant's tick on one is the consent.
  const available = useAsync(getNotificationChannels, []);
  const [notify, setNotify] = useState<NotificationChannel[]>([]);
  const toggleNotify = (c: NotificationChannel, on: boolean) =>
    setNotify((prev) => (on ? [...prev.filter((x) => x !== c), c] : prev.filter((x) => x !== c)));
  usePageTitle(t('complaint.heading'));
  const caseCode = (queryParam('kode') ?? '').toUpperCase();
  const [factor] = useState(historyFactor);
  const aboutCase = CASE_CODE.test(caseCode) && factor !== '';
  const [form, setForm] = useState({ serviceId: '', name: '', phone: '', email: '', message: '' });
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!aboutCase && !form.serviceId) found.serviceId = t('complaint.required');
    if (!aboutCase && form.name.trim().length < 2) found.name = t('complaint.required');
    if (form.phone && !PHONE.test(form.phone.trim())) found.phone = t('complaint.phoneInvalid');
    // A case complaint may reach the applicant's phone of the case; elsewhere the contact must be typed.
    if (notify.includes('whatsapp') && !form.phone.trim() && !aboutCase) found.phone = t('complaint.contactForNotify');
    if (notify.includes('email') && !form.email.trim()) found.email = t('complaint.contactForNotify');
    if (form.message.trim().length < COMPLAINT_MESSAGE_MIN) found.message = t('complaint.messageShort', { min: COMPLAINT_MESSAGE_MIN });
    const problem = file ? fileProblem(file) : null;
    if (problem) found.attachment = t(problem === 'tooBig' ? 'complaint.fileTooBig' : 'complaint.fileType');
    setErrors(found);
    if (Object.keys(found).length) return;
    const consent = { notify: notify.filter((c) => available.status === 'ok' && available.data.includes(c)).join(','), locale: lang };
    const input: NewComplaintInput = aboutCase
      ? { trackingCode: caseCode, factor, name: form.name, phone: form.phone, email: form.email, message: form.message, ...consent }
      : { serviceId: form.serviceId, name: form.name, phone: form.phone, email: form.email, message: form.message, ...consent };
    setSending(true);
    setFailure(null);
    try {
      const filed = await fileComplaint(input, file);
      navigate(paths.complaintStatus(filed.trackingCode), { state: { filed: true } });
    } catch (error: unknown) {
      if (error instanceof ApiError && error.details.length) {
        const named: Errors = {};
        for (const d of error.details)
          if (d.field in form || d.field === 'attachment') named[d.field as keyof Errors] = errorMessage(error, t);
        setErrors(named);
      }
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h1>{t('complaint.heading')}</h1>
      <p className="hint">{t('complaint.intro')}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)} data-testid="complaint-form">
        {aboutCase ? (
          <div className="panel" data-testid="complaint-about-case">
            <p className="strong">{t('complaint.aboutCase', { code: caseCode })}</p>
            <p className="small">{t('complaint.aboutCaseHint')}</p>
          </div>
        ) : (
          <ServiceSelect value={form.serviceId} onChange={set('serviceId')} error={errors.serviceId} />
        )}
        <Field id="complaint-name" label={t('complaint.name')} required={!aboutCase} error={errors.name}>
          <input
            id="complaint-name"
            data-testid="complaint-name"
            autoComplete="name"
            value={form.name}
            onChange={set('name')}
            aria-invalid={!!errors.name}
            aria-describedby={describedBy('complaint-name', false, !!errors.name)}
          />
        </Field>
        <Field id="complaint-phone" label={t('complaint.phone')} error={errors.phone}>
          <input
            id="complaint-phone"
            data-testid="complaint-phone"
            inputMode="tel"
            autoComplete="tel"
            value={form.phone}
            onChange={set('phone')}
            aria-invalid={!!errors.phone}
            aria-describedby={describedBy('complaint-phone', false, !!errors.phone)}
          />
        </Field>
        <Field id="complaint-email" label={t('complaint.email')} error={errors.email}>
          <input
            id="complaint-email"
            data-testid="complaint-email"
            type="email"
            autoComplete="email"
            value={form.email}
            onChange={set('email')}
            aria-invalid={!!errors.email}
            aria-describedby={describedBy('complaint-email', false, !!errors.email)}
          />
        </Field>
        {available.status === 'ok' && available.data.length > 0 && (
          <fieldset disabled={sending} data-testid="complaint-notify">
            <legend>{t('complaint.notifyLegend')}</legend>
            <p className="hint">{t('complaint.notifyIntro')}</p>
            {available.data.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  data-testid={`complaint-notify-${c}`}
                  checked={notify.includes(c)}
                  onChange={(e) => toggleNotify(c, e.target.checked)}
                />{' '}
                {t(c === 'email' ? 'apply.notifyEmail' : 'apply.notifyWhatsapp')}
              </label>
            ))}
          </fieldset>
        )}
        <Field
          id="complaint-message"
          label={t('complaint.message')}
          required
          hint={t('complaint.messageHint', { min: COMPLAINT_MESSAGE_MIN })}
          error={errors.message}
        >
          <textarea
            id="complaint-message"
            data-testid="complaint-message"
            rows={6}
            maxLength={4000}
            value={form.message}
            onChange={set('message')}
            aria-invalid={!!errors.message}
            aria-describedby={describedBy('complaint-message', true, !!errors.message)}
          />
        </Field>
        <Field id="complaint-attachment" label={t('complaint.attachment')} hint={t('complaint.attachmentHint')} error={errors.attachment}>
          <input
            id="complaint-attachment"
            data-testid="complaint-attachment"
            type="file"
            accept={ACCEPT_ATTR}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-describedby={describedBy('complaint-attachment', true, !!errors.attachment)}
          />
        </Field>
        {failure !== null && <ErrorBox error={failure} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={sending} data-testid="complaint-submit">
          {sending ? t('complaint.sending') : t('complaint.submit')}
        </button>
      </form>
      <ComplaintLookup />
    </>
  );
}

function ServiceSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const services = useAsync(listServices, []);
  if (services.status === 'loading') return <Loading />;
  if (services.status === 'error') return <ErrorBox error={services.error} onRetry={services.reload} />;
  return (
    <Field id="complaint-service" label={t('complaint.service')} required error={error}>
      <select
        id="complaint-service"
        data-testid="complaint-service"
        value={value}
        onChange={onChange}
        aria-invalid={!!error}
        aria-describedby={describedBy('complaint-service', false, !!error)}
      >
        <option value="">{t('complaint.servicePick')}</option>
        {services.data.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} — {s.opdName}
          </option>
        ))}
      </select>
    </Field>
  );
}

function ComplaintLookup() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const c = normaliseComplaintCode(code);
    if (!isComplaintCode(c)) return setError(t('complaint.lookupFormat'));
    navigate(paths.complaintStatus(c));
  };
  return (
    <form className="track-form" noValidate onSubmit={onSubmit}>
      <h2>{t('complaint.lookupHeading')}</h2>
      <Field id="complaint-lookup" label={t('complaint.lookupCode')} required error={error}>
        <input
          id="complaint-lookup"
          data-testid="complaint-lookup"
          className="mono"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          aria-invalid={!!error}
          aria-describedby={describedBy('complaint-lookup', false, !!error)}
        />
      </Field>
      <button type="submit" className="btn btn-block" data-testid="complaint-lookup-open">
        {t('complaint.lookupOpen')}
      </button>
    </form>
  );
}

export function ComplaintStatusPage({ code }: { code: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(t('complaint.statusHeading'));
  const state = useAsync(() => getComplaint(code), [code]);
  const justFiled = (window.history.state as { filed?: unknown } | null)?.filed === true;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return (
      <>
        <h1>{t('complaint.statusHeading')}</h1>
        <ErrorBox
          error={state.error}
          message={state.error instanceof ApiError && state.error.status === 404 ? t('complaint.notFound') : undefined}
          onRetry={state.reload}
        />
      </>
    );
  const c = state.data;
  return (
    <>
      <h1>{t('complaint.statusHeading')}</h1>
      {justFiled && (
        <p className="alert alert-ok" data-testid="complaint-filed">
          {t('complaint.filed')}
        </p>
      )}
      <section className="track-result" aria-live="polite" data-testid="complaint-result">
        <div className="status-card">
          <p className="code-label">{t('complaint.code')}</p>
          <p className="status-label mono" data-testid="complaint-code">
            {c.trackingCode}
          </p>
          <p className="small" data-testid="complaint-state">
            {t(`complaint.state.${c.state}`)}
          </p>
        </div>
        <dl className="details">
          <dt>{t('complaint.opd')}</dt>
          <dd>
            {c.opdName}
            {c.serviceName ? ` · ${c.serviceName}` : ''}
          </dd>
          {c.caseTrackingCode && (
            <>
              <dt>{t('complaint.caseCode')}</dt>
              <dd className="mono">{c.caseTrackingCode}</dd>
            </>
          )}
          <dt>{t('complaint.receivedAt')}</dt>
          <dd>{i18n.dateTime(c.receivedAt)}</dd>
          <dt>{t('complaint.dueAt')}</dt>
          <dd>{i18n.dateTime(c.dueAt)}</dd>
        </dl>
        <section>
          <h2>{t('complaint.yourMessage')}</h2>
          <p className="prewrap">{c.message}</p>
        </section>
        <section className="panel">
          <h2>{t('complaint.answer')}</h2>
          {c.answer ? (
            <>
              <p className="prewrap" data-testid="complaint-answer">
                {c.answer}
              </p>
              {c.answeredAt && <p className="small muted">{t('complaint.answeredAt', { date: i18n.dateTime(c.answeredAt) })}</p>}
            </>
          ) : (
            <p className="muted" data-testid="complaint-no-answer">
              {t('complaint.noAnswer', { date: i18n.dateTime(c.dueAt) })}
            </p>
          )}
        </section>
      </section>
    </>
  );
}
