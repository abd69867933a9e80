// The notification choice: the channels this installation sends on, each ticked as consent.
import { useI18n } from '../../i18n';
import type { ApplyFormModel } from './useApplyForm';

export function NotifySection({ form }: { form: ApplyFormModel }) {
  const { t } = useI18n();
  const { available, notify, toggleNotify } = form;
  return (
    <fieldset disabled={form.sending} data-testid="notify-section">
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
  );
}
