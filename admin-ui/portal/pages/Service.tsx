// /portal/layanan/<id> — the service standard (PermenPAN-RB 15/2014 public components).
import { getService } from '../api';
import { useI18n } from '../i18n';
import { Link, paths } from '../router';
import { ErrorBox, Loading, feeText, procedureSteps, slaText, useAsync, usePageTitle } from '../ui';
import { ApiError } from '../api';

export function ServicePage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const state = useAsync(() => getService(id), [id]);
  usePageTitle(state.status === 'ok' ? state.data.name : null);

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
  const s = state.data;
  const steps = procedureSteps(s.procedure);

  return (
    <article className="service">
      <p className="breadcrumb">
        <Link href={paths.catalog()}>← {t('nav.catalog')}</Link>
      </p>
      <p className="eyebrow">{s.opdName}</p>
      <h1>{s.name}</h1>
      {s.description && <p className="lead">{s.description}</p>}

      <dl className="facts">
        <div>
          <dt>{t('service.duration')}</dt>
          <dd data-testid="service-sla">{slaText(s, i18n)}</dd>
        </div>
        <div>
          <dt>{t('service.fee')}</dt>
          <dd data-testid="service-fee">
            {feeText(s, i18n)}
            {s.feeNote && <span className="small muted block">{s.feeNote}</span>}
          </dd>
        </div>
      </dl>
      <p className="hint">{t('service.durationNote')}</p>

      <Link href={paths.apply(s.id)} className="btn btn-primary btn-block" data-testid="apply">
        {t('service.apply')}
      </Link>

      <section>
        <h2>{t('service.requirements')}</h2>
        <ul className="requirements">
          {s.requirements.map((r) => (
            <li key={r.key}>
              <span className={`tag ${r.mandatory && !r.condition ? 'tag-strong' : ''}`}>
                {r.mandatory ? t('service.mandatory') : t('service.notMandatory')}
              </span>{' '}
              {r.label}
              {r.condition && <span className="muted"> ({t('service.condition', { condition: r.condition })})</span>}
              {r.description && <span className="small muted block">{r.description}</span>}
            </li>
          ))}
        </ul>
      </section>

      {steps.length > 0 && (
        <section>
          <h2>{t('service.procedure')}</h2>
          <ol className="steps">
            {steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </section>
      )}

      <section>
        <dl className="details">
          {s.product && (
            <>
              <dt>{t('service.product')}</dt>
              <dd>{s.product}</dd>
            </>
          )}
          <dt>{t('service.opd')}</dt>
          <dd>{s.opdName}</dd>
          {s.complaintChannel && (
            <>
              <dt>{t('service.complaint')}</dt>
              <dd>{s.complaintChannel}</dd>
            </>
          )}
          {s.legalBasis && (
            <>
              <dt>{t('service.legalBasis')}</dt>
              <dd>{s.legalBasis}</dd>
            </>
          )}
        </dl>
      </section>

      <Link href={paths.apply(s.id)} className="btn btn-primary btn-block">
        {t('service.apply')}
      </Link>
    </article>
  );
}
