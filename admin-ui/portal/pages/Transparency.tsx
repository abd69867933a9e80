// /portal/transparansi: the public table a journalist can read and download (aggregates only,
// small cells suppressed by the API), per month, OPD and service, with the IKM.
import type { TransparencyRow } from '@layanan/contracts';
import { useMemo, useState } from 'react';
import { getTransparency, transparencyDownloadUrl } from '../api';
import { useI18n } from '../i18n';
import { ErrorBox, Loading, useAsync, usePageTitle } from '../ui';

const FIRST_YEAR = 2020;

function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date()));
}

export function TransparencyPage() {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(t('transparency.heading'));
  const current = thisYear();
  const [year, setYear] = useState(current);
  const [month, setMonth] = useState('');
  const [opd, setOpd] = useState('');
  const state = useAsync(() => getTransparency(year), [year]);
  const rows = state.status === 'ok' ? state.data.rows : [];
  const months = useMemo(() => [...new Set(rows.map((r) => r.month))].sort().reverse(), [rows]);
  const opds = useMemo(
    () => [...new Map(rows.map((r) => [r.opdCode, r.opdName])).entries()].sort((a, b) => a[1].localeCompare(b[1])),
    [rows],
  );
  const shown = rows.filter((r) => (!month || r.month === month) && (!opd || r.opdCode === opd));
  const years = Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
  const minCell = state.status === 'ok' ? state.data.minCell : 5;

  return (
    <>
      <h1>{t('transparency.heading')}</h1>
      <p className="hint">{t('transparency.intro')}</p>
      <div className="tp-filters">
        <label>
          {t('transparency.year')}
          <select data-testid="tp-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('transparency.month')}
          <select data-testid="tp-month" value={month} onChange={(e) => setMonth(e.target.value)}>
            <option value="">{t('transparency.allMonths')}</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthName(m, i18n.lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('transparency.opd')}
          <select data-testid="tp-opd" value={opd} onChange={(e) => setOpd(e.target.value)}>
            <option value="">{t('transparency.allOpds')}</option>
            {opds.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span className="tp-downloads">
          <a className="btn btn-secondary" href={transparencyDownloadUrl('csv', year)} download data-testid="tp-csv">
            {t('transparency.downloadCsv')}
          </a>
          <a className="btn btn-secondary" href={transparencyDownloadUrl('json', year)} download data-testid="tp-json">
            {t('transparency.downloadJson')}
          </a>
        </span>
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorBox error={state.error} onRetry={state.reload} />}
      {state.status === 'ok' && (
        <>
          <p className="hint" data-testid="tp-generated">
            {t('transparency.generated', { time: i18n.dateTime(state.data.generatedAt) })} · {t('transparency.rows', { n: shown.length })}
          </p>
          {shown.length === 0 ? (
            <p data-testid="tp-empty">{t('transparency.empty')}</p>
          ) : (
            <div className="tp-scroll">
              <table className="tp-table" data-testid="tp-table">
                <thead>
                  <tr>
                    <th scope="col">{t('transparency.month')}</th>
                    <th scope="col">{t('transparency.opd')}</th>
                    <th scope="col">{t('transparency.service')}</th>
                    <th scope="col">{t('transparency.received')}</th>
                    <th scope="col">{t('transparency.completed')}</th>
                    <th scope="col">{t('transparency.onTime')}</th>
                    <th scope="col">{t('transparency.median')}</th>
                    <th scope="col">{t('transparency.ikm')}</th>
                    <th scope="col">{t('transparency.ikmRespondents')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <Row key={`${r.month}/${r.opdCode}/${r.serviceCode}`} r={r} minCell={minCell} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="hint" data-testid="tp-suppressed-note">
            {t('transparency.suppressedNote', { n: minCell })}
          </p>
          <p className="hint">{t('transparency.definitions')}</p>
        </>
      )}
    </>
  );
}

function Row({ r, minCell }: { r: TransparencyRow; minCell: number }) {
  const i18n = useI18n();
  const hidden = i18n.t('transparency.suppressed', { n: minCell });
  const cell = (v: number | null, fmt: (n: number) => string = i18n.number) =>
    v === null ? <span className="tp-hidden">{hidden}</span> : fmt(v);
  const decimals = (digits: number) => (n: number) =>
    new Intl.NumberFormat(i18n.lang === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      n,
    );
  return (
    <tr data-testid={`tp-row-${r.month}-${r.opdCode}-${r.serviceCode}`}>
      <td>{monthName(r.month, i18n.lang)}</td>
      <td>{r.opdName}</td>
      <td>{r.serviceName}</td>
      <td className="num" data-testid="tp-received">
        {cell(r.received)}
      </td>
      <td className="num" data-testid="tp-completed">
        {cell(r.completed)}
      </td>
      <td className="num" data-testid="tp-on-time">
        {cell(r.onTimePct, (n) => `${decimals(1)(n)} %`)}
      </td>
      <td className="num" data-testid="tp-median">
        {cell(r.medianWorkingDays)}
      </td>
      <td className="num" data-testid="tp-ikm">
        {r.ikm === null ? cell(null) : `${decimals(2)(r.ikm)} (${r.ikmGrade ?? ''})`}
      </td>
      <td className="num" data-testid="tp-ikm-respondents">
        {cell(r.ikmRespondents)}
      </td>
    </tr>
  );
}

function monthName(month: string, lang: 'id' | 'en'): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}
