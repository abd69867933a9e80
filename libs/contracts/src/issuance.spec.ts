import {
  fillTemplate,
  formatDateId,
  formatLetterNumber,
  letterNumberPatternProblems,
  maskName,
  placeholdersOf,
  templateBlocks,
  documentTemplateProblems,
} from './issuance';

describe('letter numbers', () => {
  const dec1 = new Date('2026-12-01T03:00:00Z');

  it('fills the Permendagri 83/2022 and Kemenag patterns', () => {
    expect(formatLetterNumber('400.12.2.3/{seq}/35.73.301/{year}', 7, dec1)).toBe('400.12.2.3/7/35.73.301/2026');
    expect(formatLetterNumber('B-{seq}/Kk.13.23/PW.01/{mm}/{year}', 42, dec1)).toBe('B-42/Kk.13.23/PW.01/12/2026');
    expect(formatLetterNumber('474/{seq:4}/{month-roman}/{year}', 3, dec1)).toBe('474/0003/XII/2026');
  });

  it('dates the number in Asia/Jakarta: 31 December 20:00 UTC is already the new year in Malang', () => {
    expect(formatLetterNumber('{seq}/{mm}/{year}', 1, new Date('2026-12-31T20:00:00Z'))).toBe('1/01/2027');
  });

  it('accepts valid patterns and names each problem of a bad one', () => {
    expect(letterNumberPatternProblems('400.12.2.3/{seq}/35.73.301/{year}')).toEqual([]);
    expect(letterNumberPatternProblems('B-{seq:3}/Kk.13.23/PW.01/{mm}/{year}')).toEqual([]);
    expect(letterNumberPatternProblems('400/{nomor}/{year}')).toEqual([
      'unknown token {nomor}',
      'must contain {seq} (or {seq:N}) exactly once',
    ]);
    expect(letterNumberPatternProblems('{seq}/{seq}')).toEqual([
      'must contain {seq} (or {seq:N}) exactly once',
      'must contain {year}: the counter starts again at 1 each year',
    ]);
    expect(letterNumberPatternProblems('400;{seq}/{year}')).toEqual([
      'literal text may only use letters, digits and . / - _ ( ) and spaces',
    ]);
  });
});

describe('dates and names', () => {
  it('writes dates the Indonesian way', () => {
    expect(formatDateId('2026-12-01')).toBe('1 Desember 2026');
    expect(formatDateId(new Date('2026-08-16T18:30:00Z'))).toBe('17 Agustus 2026');
  });

  it('masks all but the last word of a name', () => {
    expect(maskName('Siti Aminah')).toBe('Sit* Aminah');
    expect(maskName('Sari Dewi Wulandari')).toBe('Sar* Dew* Wulandari');
    expect(maskName('Nur')).toBe('Nu*');
    expect(maskName('  Budi  ')).toBe('Bud*');
  });
});

describe('templates', () => {
  const fields = [{ key: 'namaAnak' }, { key: 'tanggalLahir' }];

  it('lists placeholders once each, whitespace inside the braces allowed', () => {
    expect(placeholdersOf('{{ applicant.name }} / {{form.namaAnak}} / {{applicant.name}}')).toEqual(['applicant.name', 'form.namaAnak']);
  });

  it('accepts known placeholders and names unknown ones and stray braces', () => {
    expect(documentTemplateProblems({ title: 'SURAT KETERANGAN', body: '{{applicant.name}} {{form.namaAnak}}' }, fields)).toEqual([]);
    expect(documentTemplateProblems({ title: 'SURAT {{applicant.nama}}', body: '{{form.namaIbu}} {{ oops' }, fields)).toEqual([
      { field: 'title', placeholder: 'applicant.nama', message: '{{applicant.nama}} is not a known placeholder' },
      { field: 'body', placeholder: 'form.namaIbu', message: '{{form.namaIbu}} is not a form field of this service' },
      { field: 'body', message: 'has an unclosed or stray {{ or }}' },
    ]);
    expect(documentTemplateProblems({ title: ' ', body: '' }, fields).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'title: is required',
      'body: is required',
    ]);
  });

  it('fills values and reports the ones without a value', () => {
    expect(fillTemplate('Nama: {{applicant.name}}, anak {{form.namaAnak}}', { 'applicant.name': 'Sari' })).toEqual({
      text: 'Nama: Sari, anak ',
      missing: ['form.namaAnak'],
    });
  });

  it('splits a body into paragraphs and | label | value tables', () => {
    const body = 'Yang bertanda tangan di bawah ini\nmenerangkan bahwa:\n\n| Nama | Sari\n| NIK | 3573\n\nDemikian.';
    expect(templateBlocks(body)).toEqual([
      { kind: 'paragraph', text: 'Yang bertanda tangan di bawah ini\nmenerangkan bahwa:' },
      {
        kind: 'table',
        rows: [
          ['Nama', 'Sari'],
          ['NIK', '3573'],
        ],
      },
      { kind: 'paragraph', text: 'Demikian.' },
    ]);
  });
});
