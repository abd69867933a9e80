import { preferredLang } from './accept-language';

describe('preferredLang', () => {
  it.each([
    [undefined, 'id'],
    ['', 'id'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7', 'id'],
    ['fr-FR, en;q=0.5, id;q=0.4', 'en'],
    ['id;q=0.3, en;q=0.8', 'en'],
    ['in', 'id'],
    ['en;q=0, id;q=0.1', 'id'],
    ['de, fr', 'id'],
  ])('%s -> %s', (header, lang) => {
    expect(preferredLang(header)).toBe(lang);
  });
});
