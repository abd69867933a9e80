import { TRACKING_ALPHABET as ALPHABET } from '@layanan/contracts';
import { randomInt } from 'node:crypto';

/** OPD prefix from its code's consonants: dukcapil -> DKC, kemenag -> KMN. */
export function trackingPrefix(opdCode: string): string {
  const consonants = opdCode
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .replace(/[AEIOU]/g, '');
  return (consonants + 'XXX').slice(0, 3);
}

/** e.g. DKC-7F3K-92QX: 8 random characters from a 30-letter alphabet (~6.6e11 codes per OPD). */
export function newTrackingCode(opdCode: string): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${trackingPrefix(opdCode)}-${pick()}-${pick()}`;
}
