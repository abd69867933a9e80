// /portal/ajukan/<id> — the application form: applicant, address, the service's own fields,
// one upload per document requirement, and a progress bar while it is sent.
// State, checks and submission live in apply/useApplyForm.ts; each section in apply/.
import { ApiError, getService, type PublicService } from '../api';
import { useI18n } from '../i18n';
import { Link, paths } from '../router';
import { ErrorBox, Loading, ProgressBar, useAsync, usePageTitle } from '../ui';
import { AddressSection, ApplicantSection } from './apply/ApplicantSection';
import { DocumentsSection } from './apply/DocumentsSection';
import { FormFieldsSection } from './apply/FormFieldsSection';
import { NotifySection } from './apply/NotifySection';
import { useApplyForm, type Phase } from './apply/useApplyForm';

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
  const { t } = useI18n();
  const form = useApplyForm(service);
  const { phase, sending } = form;
  return (
    <form className="apply" noValidate onSubmit={(e) => void form.onSubmit(e)} data-testid="apply-form">
      <p className="breadcrumb">
        <Link href={paths.service(service.id)}>← {service.name}</Link>
      </p>
      <h1>{t('apply.heading')}</h1>
      <p className="lead">
        {service.name} · {service.opdName}
      </p>
      <p className="hint">{t('apply.intro')}</p>

      <ApplicantSection form={form} />
      <NotifySection form={form} />
      <AddressSection form={form} />
      <FormFieldsSection form={form} />
      <DocumentsSection form={form} />

      <SubmitStatus phase={phase} />
      <button type="submit" className="btn btn-primary btn-block" data-testid="submit" disabled={sending} aria-busy={sending}>
        {sending ? t('apply.submitting') : t('apply.submit')}
      </button>
      <p className="hint center">{t('apply.privacy')}</p>
    </form>
  );
}

/** What went wrong on the last press, or the upload progress while sending. */
function SubmitStatus({ phase }: { phase: Phase }) {
  const { t } = useI18n();
  if (phase.kind === 'failed')
    return (
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
    );
  if (phase.kind !== 'sending') return null;
  const percent = phase.total > 0 ? (phase.loaded / phase.total) * 100 : 0;
  return (
    <ProgressBar
      percent={percent}
      label={percent >= 100 ? t('apply.uploadDone') : t('apply.uploading', { percent: Math.round(percent) })}
    />
  );
}
