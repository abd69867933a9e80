// The application form's state: what the citizen typed and chose, the checks (the shared rules
// in @layanan/contracts), and the submission with its progress, retry key and server errors.
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  documentsRequiredAtIntake,
  formValueProblem,
  isTrackingCode,
  nikProblem,
  normalisePhone,
  REUSABLE_REQUIREMENTS,
  type NotificationChannel,
  type ReusableRequirement,
} from '@layanan/contracts';
import {
  ApiError,
  MAX_FILE_BYTES,
  NetworkError,
  fileProblem,
  getNotificationChannels,
  newIdempotencyKey,
  saveReceipt,
  submitApplication,
  type ApplicationInput,
  type PublicService,
  type Requirement,
} from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate, paths } from '../../router';
import { errorMessage, fieldErrorMessage, normaliseCode, useAsync } from '../../ui';
import {
  APPLICANT_IDS,
  applicantKey,
  docInputId,
  docKey,
  elementIdFor,
  formKey,
  matchErrorKey,
  nikError,
  reuseCodeKey,
  reuseConsentKey,
  reuseErrorKey,
  type Applicant,
} from './apply-fields';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const FORM_PROBLEMS: Record<NonNullable<ReturnType<typeof formValueProblem>>, MessageKey> = {
  required: 'err.required',
  number: 'err.number',
  date: 'err.date',
  option: 'err.option',
  text: 'err.textLong',
};

export type Phase =
  { kind: 'idle' } | { kind: 'sending'; loaded: number; total: number } | { kind: 'failed'; message: string; unmatched: string[] };

/** A KTP/KK the citizen reuses from an earlier application instead of uploading it. */
export interface ReuseChoice {
  code: string;
  consent: boolean;
}

export const isReusable = (key: string): key is ReusableRequirement => (REUSABLE_REQUIREMENTS as readonly string[]).includes(key);

const EMPTY_APPLICANT: Applicant = { nik: '', name: '', phone: '', email: '', street: '', kecamatan: '', kelurahan: '' };

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}

export function useApplyForm(service: PublicService) {
  const i18n = useI18n();
  const { t } = i18n;
  const docs = service.requirements.filter((r) => r.kind === 'document');
  const [applicant, setApplicant] = useState<Applicant>(EMPTY_APPLICANT);
  const [formData, setFormData] = useState<Record<string, string>>({});
  // Channels this installation sends on; the citizen's tick on one is the consent.
  const available = useAsync(getNotificationChannels, []);
  const [notify, setNotify] = useState<NotificationChannel[]>([]);
  const [files, setFiles] = useState<Record<string, File>>({});
  const [reuse, setReuse] = useState<Record<string, ReuseChoice>>({});
  // The requirement keys in the order they were sent: the API names a reuse by its position.
  const reuseSent = useRef<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [nikTouched, setNikTouched] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // One key per form fill, reused on every retry: a double tap or a dropped connection
  // must not create a second application.
  const idempotencyKey = useRef(newIdempotencyKey());
  const inFlight = useRef(false);

  const limit = i18n.size(MAX_FILE_BYTES);
  const sending = phase.kind === 'sending';
  const err = (key: string) => errors[key] ?? null;

  const setError = (key: string, message: string | null) =>
    setErrors((prev) => {
      if (!message && !(key in prev)) return prev;
      return message ? { ...prev, [key]: message } : without(prev, key);
    });

  const toggleNotify = (c: NotificationChannel, on: boolean) =>
    setNotify((prev) => (on ? [...prev.filter((x) => x !== c), c] : prev.filter((x) => x !== c)));

  const update = (field: keyof Applicant, value: string) => {
    setApplicant((prev) => ({ ...prev, [field]: value }));
    if (field !== 'nik') setError(applicantKey(field), null);
  };

  // NIK: digits only, checked on every keystroke once it has 16 digits (or more), and on blur.
  const onNik = (e: ChangeEvent<HTMLInputElement>) => {
    const nik = e.target.value.replace(/\D/g, '');
    update('nik', nik);
    setError('applicant.nik', nik.length >= 16 || (nikTouched && nik.length > 0) ? nikError(nik, t) : null);
  };
  const onNikBlur = () => {
    setNikTouched(true);
    if (applicant.nik) setError('applicant.nik', nikError(applicant.nik, t));
  };
  const onPhoneBlur = () => {
    if (applicant.phone.trim()) setError('applicant.phone', normalisePhone(applicant.phone) ? null : t('err.phone'));
  };
  const nikLive =
    applicant.nik.length === 0 ? t('apply.nikHint') : applicant.nik.length < 16 ? t('apply.nikCount', { n: applicant.nik.length }) : null;
  const nikOk = applicant.nik.length === 16 && nikProblem(applicant.nik) === null;

  const setFormValue = (key: string, value: string) => {
    setFormData((prev) => ({ ...prev, [key]: value }));
    setError(formKey(key), null);
  };

  const onFile = (req: Requirement, e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      // Refuse before a single byte is sent, naming the limit.
      e.target.value = '';
      setFiles((prev) => without(prev, req.key));
      setError(docKey(req.key), problem === 'tooBig' ? t('err.fileTooBig', { size: i18n.size(file.size), limit }) : t('err.fileType'));
      return;
    }
    setFiles((prev) => ({ ...prev, [req.key]: file }));
    setError(docKey(req.key), null);
  };

  /** Reuse on (the file input gives way to the earlier tracking code and the consent) or off. */
  const toggleReuse = (key: string, on: boolean) => {
    setReuse((prev) => (on ? { ...prev, [key]: prev[key] ?? { code: '', consent: false } } : without(prev, key)));
    if (on) removeFile(key);
    for (const k of [docKey(key), reuseCodeKey(key), reuseConsentKey(key)]) setError(k, null);
  };
  const setReuseChoice = (key: string, change: Partial<ReuseChoice>) => {
    setReuse((prev) => ({ ...prev, [key]: { ...(prev[key] ?? { code: '', consent: false }), ...change } }));
    setError(change.consent !== undefined ? reuseConsentKey(key) : reuseCodeKey(key), null);
  };

  const removeFile = (key: string) => {
    setFiles((prev) => without(prev, key));
    const input = document.getElementById(docInputId(key));
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
      const problem = formValueProblem(f, (formData[f.key] ?? '').trim());
      if (problem) found[formKey(f.key)] = t(FORM_PROBLEMS[problem]);
    }
    // Conditional requirements ("jika hilang") are left for the verifier to judge.
    for (const d of documentsRequiredAtIntake(docs)) if (!files[d.key] && !reuse[d.key]) found[docKey(d.key)] = t('err.docRequired');
    for (const [key, r] of Object.entries(reuse)) {
      if (!r.code.trim()) found[reuseCodeKey(key)] = t('err.required');
      else if (!isTrackingCode(normaliseCode(r.code))) found[reuseCodeKey(key)] = t('track.codeFormat');
      if (!r.consent) found[reuseConsentKey(key)] = t('err.reuseConsent');
    }
    return found;
  };

  const errorOrder = () => [
    ...Object.keys(APPLICANT_IDS),
    ...service.formFields.map((f) => formKey(f.key)),
    ...docs.flatMap((d) => [docKey(d.key), reuseCodeKey(d.key), reuseConsentKey(d.key)]),
  ];

  const focusFirst = (found: Record<string, string>) => {
    const first = errorOrder().find((k) => k in found);
    const el = first ? document.getElementById(elementIdFor(first) ?? '') : null;
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  };

  const buildInput = (): ApplicationInput => ({
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
    ...(reusedKeys().length
      ? {
          reuse: reusedKeys().map((key) => ({ requirementKey: key, trackingCode: normaliseCode(reuse[key].code), consent: true as const })),
        }
      : {}),
  });

  const reusedKeys = (): ReusableRequirement[] =>
    docs.map((d) => d.key).filter((k): k is ReusableRequirement => isReusable(k) && !!reuse[k]);

  const onRefused = (error: ApiError) => {
    // Refused as invalid: nothing was created, so corrected data gets a fresh key.
    idempotencyKey.current = newIdempotencyKey();
    const known = new Set(errorOrder());
    const fieldErrors: Record<string, string> = {};
    const unmatched: string[] = [];
    const fieldText = fieldErrorMessage(error, t);
    for (const d of error.details) {
      const reused = reuseErrorKey(d.field, reuseSent.current);
      const key = reused ?? matchErrorKey(d.field, known);
      const doc = reused ? docs.find((x) => reused === reuseCodeKey(x.key))?.label : undefined;
      if (doc && error.code === 'REFERENCE_INVALID') fieldErrors[reused as string] = t('err.reuseNotFound', { doc });
      else if (key) fieldErrors[key] = fieldText;
      else unmatched.push(`${fieldText} (${d.field})`);
    }
    setErrors(fieldErrors);
    setPhase({ kind: 'failed', message: errorMessage(error, t), unmatched });
    focusFirst(fieldErrors);
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
    const input = buildInput();
    reuseSent.current = (input.reuse ?? []).map((r) => r.requirementKey);
    const parts = docs.filter((d) => files[d.key] && !reuse[d.key]).map((d) => ({ requirementKey: d.key, file: files[d.key] }));
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
        onRefused(error);
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

  return {
    service,
    docs,
    applicant,
    update,
    onNik,
    onNikBlur,
    onPhoneBlur,
    nikLive,
    nikOk,
    formData,
    setFormValue,
    available,
    notify,
    toggleNotify,
    files,
    onFile,
    removeFile,
    reuse,
    toggleReuse,
    setReuseChoice,
    fileProgress,
    limit,
    err,
    phase,
    sending,
    onSubmit,
  };
}

export type ApplyFormModel = ReturnType<typeof useApplyForm>;
