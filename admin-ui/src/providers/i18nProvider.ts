import polyglotI18nProvider from 'ra-i18n-polyglot';
import { enMessages } from '../i18n/en';
import { idMessages } from '../i18n/id';

// Both message sets are small; bundling English avoids a loading flash on switch.
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? enMessages : idMessages),
  'id',
  [
    { locale: 'id', name: 'Bahasa Indonesia' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: true },
);
