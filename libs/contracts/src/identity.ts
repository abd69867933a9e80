// Pure validation of Indonesian identity data, shared by the API and the portal forms.

/** Province codes (two first digits of a NIK), Kemendagri. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '51',
  '52',
  '53',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '81',
  '82',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

/**
 * Checks a NIK by its structure: 16 digits = province(2) regency(2) district(2) DDMMYY(6)
 * sequence(4); women have DD + 40. Returns null when valid, else the reason.
 * There is no checksum: true verification needs Dukcapil access.
 */
export function nikProblem(nik: string): string | null {
  if (!/^\d{16}$/.test(nik)) return 'must be exactly 16 digits';
  if (!PROVINCES.has(nik.slice(0, 2))) return 'has an unknown province code';
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') return 'has an invalid regency or district code';
  let day = Number(nik.slice(6, 8));
  if (day > 40) day -= 40;
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  if (month < 1 || month > 12 || day < 1) return 'has an invalid birth date';
  // Century is ambiguous; 2000 is a leap year like 1900 is not, so check against both.
  const daysIn = (y: number) => new Date(Date.UTC(y, month, 0)).getUTCDate();
  if (day > Math.max(daysIn(1900 + year), daysIn(2000 + year))) return 'has an invalid birth date';
  if (nik.slice(12) === '0000') return 'has a zero sequence number';
  return null;
}

/** Normalises an Indonesian mobile number to E.164 (+628...), or null when it is not one. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s().-]/g, '');
  const m = /^(?:\+62|62|0)(8[1-9]\d{6,10})$/.exec(compact);
  return m ? `+62${m[1]}` : null;
}

/** 3573********0001: region and sequence stay, the birth date is hidden. */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '****************';
}

export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 5)}*****${phone.slice(-3)}` : null;
}
