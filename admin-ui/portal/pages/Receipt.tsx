// /portal/bukti/<trackingCode> — bukti pendaftaran: the code, big and readable over the phone.
import { useState } from 'react';
import { loadReceipt, type Receipt } from '../api';
import { useI18n } from '../i18n';
import { Link, paths } from '../router';
import { usePageTitle } from '../ui';

function isReceipt(value: unknown, code: string): value is Receipt {
  return typeof value === 'object' && value !== null && (value as { trackingCode?: unknown }).trackingCode === code;
}

export function ReceiptPage({ code }: { code: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(t('receipt.heading'));
  const fromHistory: unknown = window.history.state;
  const receipt = isReceipt(fromHistory, code) ? fromHistory : loadReceipt(code);
  const [copied, setCopied] = useState(false);

  const copy = () => {
    navigator.clipboard?.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <article className="receipt">
      <h1>{t('receipt.heading')}</h1>
      {receipt && (
        <p className="alert alert-ok" role="status">
          {t('receipt.success')}
        </p>
      )}
      <div className="code-box">
        <p className="code-label">{t('receipt.codeLabel')}</p>
        <p className="tracking-code" data-testid="tracking-code" aria-label={code.split('').join(' ')}>
          {code}
        </p>
        <p className="code-save">{t('receipt.saveCode')}</p>
        <p className="code-save" data-testid="receipt-factor-reminder">
          {t('receipt.factorReminder')}
        </p>
        <div className="row no-print">
          {typeof navigator.clipboard?.writeText === 'function' && (
            <button type="button" className="btn btn-secondary" onClick={copy}>
              {copied ? t('receipt.copied') : t('receipt.copy')}
            </button>
          )}
          <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
            {t('receipt.print')}
          </button>
        </div>
      </div>

      {receipt ? (
        <>
          <dl className="details">
            <dt>{t('receipt.service')}</dt>
            <dd data-testid="receipt-service">{receipt.serviceName}</dd>
            <dt>{t('receipt.submittedAt')}</dt>
            <dd>{i18n.dateTime(receipt.submittedAt)}</dd>
            {receipt.expectedCompletion && (
              <>
                <dt>{t('receipt.expected')}</dt>
                <dd className="strong" data-testid="expected-completion">
                  {i18n.dateTime(receipt.expectedCompletion)}
                </dd>
              </>
            )}
            <dt>{t('receipt.status')}</dt>
            <dd data-testid="status-label">{receipt.statusLabel}</dd>
          </dl>
          <p className="hint">{t('receipt.expectedNote')}</p>
          <p className="alert" data-testid="receipt-notifications">
            {receipt.notificationChannels?.length
              ? t('receipt.notifyOn', {
                  channels: receipt.notificationChannels.map((c) => t(`channel.${c}`)).join(` ${t('common.and')} `),
                })
              : t('receipt.notifyOff')}
          </p>
        </>
      ) : (
        <p className="hint">{t('receipt.noData')}</p>
      )}

      <Link href={paths.track(code)} className="btn btn-primary btn-block no-print" data-testid="go-track">
        {t('receipt.track')}
      </Link>
    </article>
  );
}
