// One upload per document requirement, with the chosen file, its removal and its share of the progress.
import { ACCEPT_ATTR, type Requirement } from '../../api';
import { useI18n } from '../../i18n';
import { Field, describedBy } from '../../ui';
import { docInputId, docKey, reuseCodeId, reuseCodeKey, reuseConsentId, reuseConsentKey } from './apply-fields';
import { isReusable, type ApplyFormModel } from './useApplyForm';

export function DocumentsSection({ form }: { form: ApplyFormModel }) {
  const { t } = useI18n();
  if (form.docs.length === 0) return null;
  return (
    <fieldset disabled={form.sending}>
      <legend>{t('apply.sectionDocs')}</legend>
      <p className="hint">{t('apply.docsIntro', { limit: form.limit })}</p>
      {form.docs.map((d) => (
        <DocumentInput key={d.key} form={form} requirement={d} />
      ))}
    </fieldset>
  );
}

function DocumentInput({ form, requirement: d }: { form: ApplyFormModel; requirement: Requirement }) {
  const { t } = useI18n();
  const reuse = form.reuse[d.key];
  return (
    <>
      {isReusable(d.key) && (
        <label className="check">
          <input
            type="checkbox"
            data-testid={`reuse-toggle-${d.key}`}
            checked={!!reuse}
            onChange={(e) => form.toggleReuse(d.key, e.target.checked)}
          />{' '}
          {t('apply.reuseToggle', { doc: d.label })}
        </label>
      )}
      {reuse ? <ReuseInput form={form} requirement={d} /> : <UploadInput form={form} requirement={d} />}
    </>
  );
}

/** The earlier application's tracking code and the citizen's explicit consent, instead of a file. */
function ReuseInput({ form, requirement: d }: { form: ApplyFormModel; requirement: Requirement }) {
  const { t } = useI18n();
  const reuse = form.reuse[d.key];
  const codeId = reuseCodeId(d.key);
  const codeError = form.err(reuseCodeKey(d.key));
  const consentError = form.err(reuseConsentKey(d.key));
  const consentId = reuseConsentId(d.key);
  return (
    <div className="reuse-choice" data-testid={`reuse-${d.key}`}>
      <Field
        id={codeId}
        label={`${d.label}: ${t('apply.reuseCode')}`}
        required
        hint={t('apply.reuseCodeHint', { doc: d.label })}
        error={codeError}
      >
        <input
          id={codeId}
          data-testid={codeId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={reuse.code}
          onChange={(e) => form.setReuseChoice(d.key, { code: e.target.value })}
          aria-invalid={!!codeError}
          aria-describedby={describedBy(codeId, true, !!codeError)}
        />
      </Field>
      <div className={`field${consentError ? ' field-invalid' : ''}`}>
        <label className="check">
          <input
            id={consentId}
            data-testid={consentId}
            type="checkbox"
            checked={reuse.consent}
            onChange={(e) => form.setReuseChoice(d.key, { consent: e.target.checked })}
            aria-invalid={!!consentError}
            aria-describedby={consentError ? `${consentId}-error` : undefined}
          />{' '}
          {t('apply.reuseConsent', { doc: d.label, code: reuse.code.trim() ? reuse.code.trim().toUpperCase() : '…' })}
        </label>
        {consentError && (
          <p className="field-error" id={`${consentId}-error`} role="alert">
            {consentError}
          </p>
        )}
      </div>
    </div>
  );
}

function UploadInput({ form, requirement: d }: { form: ApplyFormModel; requirement: Requirement }) {
  const i18n = useI18n();
  const { t } = i18n;
  const file = form.files[d.key];
  const progress = file ? form.fileProgress(d.key) : null;
  const inputId = docInputId(d.key);
  const error = form.err(docKey(d.key));
  return (
    <Field
      id={inputId}
      label={d.label}
      required={d.mandatory}
      hint={d.condition ? t('service.condition', { condition: d.condition }) : null}
      error={error}
    >
      <input
        id={inputId}
        data-testid={inputId}
        className="file-input"
        type="file"
        accept={ACCEPT_ATTR}
        onChange={(e) => form.onFile(d, e)}
        aria-invalid={!!error}
        aria-describedby={describedBy(inputId, !!d.condition, !!error)}
      />
      <label htmlFor={inputId} className="btn btn-secondary file-btn" aria-hidden="true">
        {file ? t('apply.fileChange') : t('apply.fileChoose')}
      </label>
      {file && (
        <div className="file-chosen">
          <span>{t('apply.fileChosen', { name: file.name, size: i18n.size(file.size) })}</span>
          {!form.sending && (
            <button type="button" className="btn-link" onClick={() => form.removeFile(d.key)}>
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
}
