// The applicant's identity (NIK, name, phone, email) and address sections of the application form.
import { useI18n } from '../../i18n';
import { KECAMATAN, KELURAHAN, isKecamatan } from '../../kelurahan';
import { Field, describedBy } from '../../ui';
import type { ApplyFormModel } from './useApplyForm';

export function ApplicantSection({ form }: { form: ApplyFormModel }) {
  const { t } = useI18n();
  const { applicant, update, err, nikOk, nikLive } = form;
  const nikError = err('applicant.nik');
  return (
    <fieldset disabled={form.sending}>
      <legend>{t('apply.sectionApplicant')}</legend>
      <Field
        id="nik"
        label={t('apply.nik')}
        required
        hint={nikError ? null : nikOk ? <span className="ok">✓ {t('apply.nikOk')}</span> : nikLive}
        error={nikError}
      >
        <input
          id="nik"
          data-testid="nik"
          inputMode="numeric"
          autoComplete="off"
          value={applicant.nik}
          onChange={form.onNik}
          onBlur={form.onNikBlur}
          aria-invalid={!!nikError}
          aria-describedby={describedBy('nik', !nikError && (nikOk || !!nikLive), !!nikError)}
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
          onBlur={form.onPhoneBlur}
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
  );
}

export function AddressSection({ form }: { form: ApplyFormModel }) {
  const { t } = useI18n();
  const { applicant, update, err } = form;
  const kelurahanOptions = isKecamatan(applicant.kecamatan) ? KELURAHAN[applicant.kecamatan] : KECAMATAN.flatMap((k) => KELURAHAN[k]);
  return (
    <fieldset disabled={form.sending}>
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
  );
}
