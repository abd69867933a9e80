// The service's own form fields (text, number, date, select) in the application form.
import type { FormField } from '../../api';
import { useI18n } from '../../i18n';
import { DayMonthYearInput, Field, describedBy } from '../../ui';
import { formKey } from './apply-fields';
import type { ApplyFormModel } from './useApplyForm';

export function FormFieldsSection({ form }: { form: ApplyFormModel }) {
  const { t } = useI18n();
  const { service, formData, err, setFormValue } = form;
  if (service.formFields.length === 0) return null;
  return (
    <fieldset disabled={form.sending}>
      <legend>{t('apply.sectionForm')}</legend>
      {service.formFields.map((f) => (
        <FormFieldInput
          key={f.key}
          field={f}
          value={formData[f.key] ?? ''}
          error={err(formKey(f.key))}
          onChange={(v) => setFormValue(f.key, v)}
        />
      ))}
    </fieldset>
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
