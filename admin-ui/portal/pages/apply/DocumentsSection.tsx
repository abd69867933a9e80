// One upload per document requirement, with the chosen file, its removal and its share of the progress.
import { ACCEPT_ATTR, type Requirement } from '../../api';
import { useI18n } from '../../i18n';
import { Field, describedBy } from '../../ui';
import { docInputId, docKey } from './apply-fields';
import type { ApplyFormModel } from './useApplyForm';

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
