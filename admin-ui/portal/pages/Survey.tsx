// /portal/survei — Survei Kepuasan Masyarakat for a completed application (PermenPAN-RB
// 14/2017): nine questions on the regulation's 1–4 scale, a suggestion and an optional
// profile. Reached from the tracking page (the factor comes along in history state) or from
// the completion message's link (the citizen types the factor, as on tracking).
import { useEffect, useState, type FormEvent } from 'react';
import {
  AGE_BANDS,
  EDUCATIONS,
  OCCUPATIONS,
  SEXES,
  SKM_ELEMENTS,
  SUGGESTION_MAX_LENGTH,
  isTrackingCode,
  type RespondentProfile,
  type SkmElement,
} from '@layanan/contracts';
import { ApiError, submitSurvey, surveyState, type SurveyState } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { navigate, paths, queryParam } from '../router';
import { ErrorBox, Field, TrackingCredentialsFields, errorMessage, normaliseCode, usePageTitle, useTrackingCredentials } from '../ui';

/** The answer wording of each element, as in the regulation's questionnaire. */
const SCALE: Record<SkmElement, string> = {
  requirements: 'suit',
  procedure: 'easy',
  time: 'fast',
  cost: 'cost',
  product: 'suit',
  competence: 'able',
  behaviour: 'polite',
  complaints: 'handling',
  facilities: 'quality',
};

type Lookup = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ok'; state: SurveyState } | { kind: 'error'; message: string };

function historyFactor(): string {
  const state: unknown = window.history.state;
  const f = typeof state === 'object' && state !== null ? (state as { factor?: unknown }).factor : undefined;
  return typeof f === 'string' && /^\d{4}$/.test(f) ? f : '';
}

export function SurveyPage() {
  const { t } = useI18n();
  usePageTitle(t('survey.heading'));
  const { creds, setCreds, errors, check } = useTrackingCredentials(() => ({
    code: normaliseCode(queryParam('kode') ?? ''),
    factor: historyFactor(),
  }));
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' });
  const [auth, setAuth] = useState<{ code: string; factor: string } | null>(null);

  const open = async (c: string, f: string) => {
    setLookup({ kind: 'loading' });
    try {
      setLookup({ kind: 'ok', state: await surveyState(c, f) });
      setAuth({ code: c, factor: f });
    } catch (error: unknown) {
      setLookup({
        kind: 'error',
        message: error instanceof ApiError && error.status === 404 ? t('track.notFound') : errorMessage(error, t),
      });
      setAuth(null);
    }
  };

  // Coming from the tracking page: the factor is known, open straight away.
  useEffect(() => {
    if (creds.factor && isTrackingCode(creds.code)) void open(creds.code, creds.factor);
    // Only on arrival.
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    check((c) => {
      navigate(paths.survey(c.code), { replace: true });
      void open(c.code, c.factor);
    });
  };

  return (
    <>
      <h1>{t('survey.heading')}</h1>
      {!(lookup.kind === 'ok' && lookup.state.status === 'open') && (
        <form className="track-form" noValidate onSubmit={onSubmit}>
          <p className="hint">{t('survey.intro')}</p>
          <TrackingCredentialsFields prefix="survey" value={creds} errors={errors} onChange={setCreds} />
          <button type="submit" className="btn btn-primary btn-block" data-testid="survey-open" disabled={lookup.kind === 'loading'}>
            {lookup.kind === 'loading' ? t('track.searching') : t('survey.open')}
          </button>
        </form>
      )}
      {lookup.kind === 'error' && <ErrorBox message={lookup.message} />}
      {lookup.kind === 'ok' && lookup.state.status === 'not_yet' && (
        <p className="alert alert-warn" data-testid="survey-not-yet">
          {t('survey.notYet')}
        </p>
      )}
      {lookup.kind === 'ok' && lookup.state.status === 'submitted' && <Done state={lookup.state} />}
      {lookup.kind === 'ok' && lookup.state.status === 'open' && auth && (
        <SurveyForm state={lookup.state} code={auth.code} factor={auth.factor} onDone={(state) => setLookup({ kind: 'ok', state })} />
      )}
    </>
  );
}

function Done({ state, fresh = false }: { state: SurveyState; fresh?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="alert alert-ok" role="status" data-testid="survey-done">
      <p className="strong">{fresh ? t('survey.thanks') : t('survey.already', { date: state.response?.submittedOn ?? '' })}</p>
      <p className="small">
        <span className="mono">{state.trackingCode}</span> · {state.serviceName}
      </p>
    </div>
  );
}

function SurveyForm({
  state,
  code,
  factor,
  onDone,
}: {
  state: SurveyState;
  code: string;
  factor: string;
  onDone: (s: SurveyState) => void;
}) {
  const { t } = useI18n();
  const [scores, setScores] = useState<Partial<Record<SkmElement, number>>>({});
  const [suggestion, setSuggestion] = useState('');
  const [profile, setProfile] = useState<RespondentProfile>({});
  const [showMissing, setShowMissing] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<SurveyState | null>(null);
  const missing = SKM_ELEMENTS.filter((e) => scores[e] === undefined);

  if (fresh) return <Done state={fresh} fresh />;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (missing.length) {
      setShowMissing(true);
      document.getElementById(`q-${missing[0]}`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setSending(true);
    setError(null);
    try {
      const receipt = await submitSurvey(code, {
        factor,
        scores: scores as Record<SkmElement, number>,
        ...(suggestion.trim() ? { suggestion: suggestion.trim() } : {}),
        profile,
      });
      const next = { ...state, status: 'submitted' as const, response: receipt };
      if (receipt.created) setFresh(next);
      else onDone(next);
    } catch (err: unknown) {
      setError(err instanceof ApiError && err.status === 409 ? t('survey.notYet') : errorMessage(err, t));
    } finally {
      setSending(false);
    }
  };

  const select = <K extends keyof RespondentProfile>(key: K, label: MessageKey, options: readonly string[], prefix: string) => (
    <Field id={`profile-${key}`} label={t(label)}>
      <select
        id={`profile-${key}`}
        data-testid={`profile-${key}`}
        value={profile[key] ?? ''}
        onChange={(e) => setProfile((p) => ({ ...p, [key]: e.target.value || undefined }))}
      >
        <option value="">{t('survey.choose')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {prefix ? t(`${prefix}.${o}` as MessageKey) : o}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form noValidate onSubmit={(e) => void send(e)} data-testid="survey-form">
      <p className="small">{t('survey.for', { service: state.serviceName })}</p>
      {SKM_ELEMENTS.map((e, i) => {
        const bad = showMissing && scores[e] === undefined;
        return (
          <fieldset key={e} id={`q-${e}`} className={`skm-question${bad ? ' has-error' : ''}`} data-testid={`q-${e}`}>
            <legend>
              {i + 1}. {t(`survey.question.${e}` as MessageKey)}
            </legend>
            <div className="skm-scale" role="radiogroup">
              {[1, 2, 3, 4].map((v) => (
                <label key={v} className={`skm-option${scores[e] === v ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name={`q-${e}`}
                    value={v}
                    data-testid={`q-${e}-${v}`}
                    checked={scores[e] === v}
                    onChange={() => setScores((s) => ({ ...s, [e]: v }))}
                  />
                  <span>{t(`survey.scale.${SCALE[e]}.${v}` as MessageKey)}</span>
                </label>
              ))}
            </div>
            {bad && (
              <p className="field-error" role="alert">
                {t('survey.missing')}
              </p>
            )}
          </fieldset>
        );
      })}
      <Field id="survey-suggestion" label={t('survey.suggestion')}>
        <textarea
          id="survey-suggestion"
          data-testid="survey-suggestion"
          rows={4}
          maxLength={SUGGESTION_MAX_LENGTH}
          value={suggestion}
          onChange={(e) => setSuggestion(e.target.value)}
        />
      </Field>
      <details className="panel">
        <summary>{t('survey.profileHeading')}</summary>
        <p className="hint">{t('survey.profileIntro')}</p>
        {select('ageBand', 'survey.ageBand', AGE_BANDS, '')}
        {select('sex', 'survey.sex', SEXES, 'survey.sex')}
        {select('education', 'survey.education', EDUCATIONS, 'survey.education')}
        {select('occupation', 'survey.occupation', OCCUPATIONS, 'survey.occupation')}
      </details>
      {showMissing && missing.length > 0 && (
        <p className="alert alert-error" role="alert" data-testid="survey-missing">
          {t('survey.missingSome', { n: missing.length })}
        </p>
      )}
      {error && <ErrorBox message={error} />}
      <button type="submit" className="btn btn-primary btn-block" data-testid="survey-submit" disabled={sending}>
        {sending ? t('survey.sending') : t('survey.submit')}
      </button>
    </form>
  );
}

/** On the tracking page: the invitation once the application is completed, or the thanks. */
export function SurveyPanel({ code, factor }: { code: string; factor: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<SurveyState | null>(null);
  useEffect(() => {
    let live = true;
    surveyState(code, factor).then(
      (s) => live && setState(s),
      () => live && setState(null),
    );
    return () => {
      live = false;
    };
  }, [code, factor]);
  if (!state || state.status === 'not_yet') return null;
  if (state.status === 'submitted')
    return (
      <p className="alert alert-ok" data-testid="survey-panel-done">
        {t('survey.trackPanelDone')}
      </p>
    );
  return (
    <section className="panel" data-testid="survey-panel">
      <h2>{t('survey.heading')}</h2>
      <p>{t('survey.trackPanel')}</p>
      <a
        className="btn btn-primary btn-block"
        href={paths.survey(code)}
        data-testid="survey-link"
        onClick={(e) => {
          e.preventDefault();
          navigate(paths.survey(code), { state: { factor } });
        }}
      >
        {t('survey.toSurvey')}
      </a>
    </section>
  );
}
