// Citizen portal of Layanan Terpadu Kota Malang, served at /portal/.
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { getLang, setLang, useI18n } from './i18n';
import { ApplyPage } from './pages/Apply';
import { ComplaintPage, ComplaintStatusPage } from './pages/Complaint';
import { Catalog } from './pages/Catalog';
import { ReceiptPage } from './pages/Receipt';
import { ServicePage } from './pages/Service';
import { SurveyPage } from './pages/Survey';
import { TrackPage } from './pages/Track';
import { TransparencyPage } from './pages/Transparency';
import { VerifyPage } from './pages/Verify';
import { Link, paths, parseRoute, useLocation, type Route } from './router';
import { usePageTitle } from './ui';
import './portal.css';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'catalog':
      return <Catalog />;
    case 'service':
      return <ServicePage key={route.id} id={route.id} />;
    case 'apply':
      return <ApplyPage key={route.id} id={route.id} />;
    case 'receipt':
      return <ReceiptPage key={route.code} code={route.code} />;
    case 'track':
      return <TrackPage />;
    case 'survey':
      return <SurveyPage />;
    case 'complaint':
      return <ComplaintPage />;
    case 'complaintStatus':
      return <ComplaintStatusPage key={route.code} code={route.code} />;
    case 'verify':
      return <VerifyPage key={route.code ?? ''} code={route.code} />;
    case 'transparency':
      return <TransparencyPage />;
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  usePageTitle(t('common.notFound'));
  return (
    <>
      <h1>{t('common.notFound')}</h1>
      <Link href={paths.catalog()}>{t('common.toCatalog')}</Link>
    </>
  );
}

function App() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const route = parseRoute(location.split('?')[0] ?? '/');
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const current = (page: Route['page'][]) => (page.includes(route.page) ? 'page' : undefined);

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="wrap top-inner">
          <Link href={paths.catalog()} className="brand">
            <span className="brand-mark" aria-hidden="true">
              LT
            </span>
            <span>{t('app.title')}</span>
          </Link>
          <button
            type="button"
            className="lang"
            data-testid="lang-toggle"
            aria-label={t('lang.switchLabel')}
            onClick={() => setLang(getLang() === 'id' ? 'en' : 'id')}
          >
            {t('lang.switch')}
          </button>
        </div>
        <nav className="wrap tabs">
          <Link href={paths.catalog()} aria-current={current(['catalog', 'service', 'apply'])}>
            {t('nav.catalog')}
          </Link>
          <Link href={paths.track()} aria-current={current(['track', 'receipt', 'survey'])} data-testid="nav-track">
            {t('nav.track')}
          </Link>
          <Link href={paths.verify()} aria-current={current(['verify'])} data-testid="nav-verify">
            {t('nav.verify')}
          </Link>
          <Link href={paths.complaint()} aria-current={current(['complaint', 'complaintStatus'])} data-testid="nav-complaint">
            {t('nav.complaint')}
          </Link>
          <Link href={paths.transparency()} aria-current={current(['transparency'])} data-testid="nav-transparency">
            {t('nav.transparency')}
          </Link>
        </nav>
      </header>
      <main id="main" className="wrap" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer className="wrap foot">
        <p>{t('app.tagline')}</p>
        <p>{t('footer.complaint')}</p>
      </footer>
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
