// A letter thread (LetterThreads, a piscina pool): renders letters and seals PDFs with the
// installation's key, the CPU-bound part of an issuance, off the API's event loop. Plain
// functions of the renderer and the PAdES signer; no Nest, no database.
import { createPrivateKey } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import { letterFonts } from '../rendering/fonts';
import { renderLetter } from '../rendering/letter-renderer';
import { padesSign, type SealKey } from '../signing/pades';
import type { LetterJob, LetterThreadData } from './letter-threads';

/** The exit code of a thread ended by LETTER_THREADS_TEST_CRASH_MARKER. */
const TEST_CRASH_EXIT_CODE = 70;

const data = workerData as LetterThreadData;
const key: SealKey | null = data.key
  ? {
      privateKey: createPrivateKey({ key: data.key.pkcs8, format: 'der', type: 'pkcs8' }),
      certDer: asBuffer(data.key.certDer),
      fingerprint: data.key.fingerprint,
    }
  : null;

/** Structured clone hands Buffers over as plain Uint8Arrays; pdfkit and signpdf want Buffers. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** piscina's task handler: one job, its PDF bytes (copied back to the API's thread). */
export default async function run(job: LetterJob): Promise<Buffer> {
  if (job.kind === 'seal') return padesSign(asBuffer(job.pdf), sealKey(), job.meta);
  const l = job.letter;
  // Tests only (refused with NODE_ENV=production): the thread dies mid-job, as on a crash.
  if (data.crashMarker && l.body.includes(data.crashMarker)) process.exit(TEST_CRASH_EXIT_CODE);
  const pdf = await renderLetter({ ...l, letterhead: { ...l.letterhead, logo: l.letterhead.logo ? asBuffer(l.letterhead.logo) : null } });
  return job.kind === 'render' ? pdf : padesSign(pdf, sealKey(), job.meta);
}

function sealKey(): SealKey {
  if (!key) throw new Error('this letter thread has no seal key');
  return key;
}

// Fonts are parsed once per thread, when piscina loads this file, before the first letter waits for them.
letterFonts();
