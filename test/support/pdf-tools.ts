import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Response } from 'supertest';

const run = promisify(execFile);

/** Runs a poppler-utils tool (Debian's pdfsig, pdftotext) on PDF bytes and returns its stdout. */
async function poppler(tool: 'pdfsig' | 'pdftotext' | 'pdfinfo', bytes: Buffer, args: string[] = []): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lt-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  try {
    const { stdout } = await run(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])]);
    return stdout;
  } catch (e) {
    // pdfsig exits non-zero when it finds no valid signature; its report is still the answer.
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === 'string' && out) return out;
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const pdfsig = (bytes: Buffer) => poppler('pdfsig', bytes);
export const pdfinfo = (bytes: Buffer) => poppler('pdfinfo', bytes);
/** The text with the layout kept (-layout), whitespace runs collapsed. */
export const pdftext = async (bytes: Buffer) => (await poppler('pdftotext', bytes, ['-layout'])).replace(/[ \t]+/g, ' ');

/** supertest reads binary bodies only with a parser; this one collects the raw bytes. */
export function binary(res: Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
