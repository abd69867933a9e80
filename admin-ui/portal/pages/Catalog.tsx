// /portal/ — search box and the services grouped by OPD.
import { useMemo, useState } from 'react';
import { listServices, type PublicService } from '../api';
import { useI18n } from '../i18n';
import { Link, navigate, paths, queryParam } from '../router';
import { ErrorBox, Loading, feeText, slaText, useAsync, usePageTitle } from '../ui';

/** Lower-case, accents stripped: "Kartu Keluarga" matches "kartu kel". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function matches(service: PublicService, words: string[]): boolean {
  const text = fold([service.name, service.description, service.opdName, service.product, service.code].join(' '));
  return words.every((w) => text.includes(w));
}

export function Catalog() {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(null);
  const services = useAsync(listServices, []);
  const [q, setQ] = useState(() => queryParam('q') ?? '');

  const onSearch = (value: string) => {
    setQ(value);
    // Keep the search in the URL so "back" from a service returns to the same list.
    navigate(value ? `${paths.catalog()}?q=${encodeURIComponent(value)}` : paths.catalog(), { replace: true });
  };

  const all = services.status === 'ok' ? services.data : null;
  const groups = useMemo(() => {
    if (!all) return [];
    const words = fold(q).split(/\s+/).filter(Boolean);
    const byOpd = new Map<string, { opdName: string; services: PublicService[] }>();
    for (const s of all) {
      if (!matches(s, words)) continue;
      const group = byOpd.get(s.opdId) ?? { opdName: s.opdName, services: [] };
      group.services.push(s);
      byOpd.set(s.opdId, group);
    }
    return [...byOpd.values()]
      .map((g) => ({ ...g, services: g.services.sort((a, b) => a.name.localeCompare(b.name, 'id')) }))
      .sort((a, b) => a.opdName.localeCompare(b.opdName, 'id'));
  }, [all, q]);

  const count = groups.reduce((n, g) => n + g.services.length, 0);

  return (
    <>
      <h1>{t('catalog.heading')}</h1>
      <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search" className="visually-hidden">
          {t('catalog.searchLabel')}
        </label>
        <input
          id="search"
          data-testid="search"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={t('catalog.searchPlaceholder')}
          value={q}
          onChange={(e) => onSearch(e.target.value)}
        />
      </form>
      <p className="muted small">
        <Link href={paths.track()}>{t('catalog.trackPrompt')}</Link>
      </p>

      {services.status === 'loading' && <Loading />}
      {services.status === 'error' && <ErrorBox error={services.error} onRetry={services.reload} />}
      {services.status === 'ok' && (
        <>
          <p className="muted small" aria-live="polite">
            {t('catalog.count', { n: count })}
          </p>
          {count === 0 && <p className="empty">{t('catalog.empty', { q })}</p>}
          {groups.map((g) => (
            <section key={g.opdName} className="opd-group">
              <h2>{g.opdName}</h2>
              <ul className="service-list">
                {g.services.map((s) => (
                  <li key={s.id}>
                    <Link href={paths.service(s.id)} className="service-card" data-testid={`service-${s.code}`}>
                      <span className="service-name">{s.name}</span>
                      {s.description && <span className="service-desc">{s.description}</span>}
                      <span className="service-meta">
                        {slaText(s, i18n)} · {feeText(s, i18n)}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
