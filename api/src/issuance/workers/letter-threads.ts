import { Logger, type OnModuleDestroy } from '@nestjs/common';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderLetter, type Letter } from '../rendering/letter-renderer';
import { padesSign, type PadesMeta, type SealKey } from '../signing/pades';

/** One piece of CPU-bound work of an issuance. */
export type LetterJob =
  | { kind: 'render'; letter: Letter }
  | { kind: 'seal'; pdf: Buffer; meta: PadesMeta }
  | { kind: 'render-seal'; letter: Letter; meta: PadesMeta };
export type LetterJobResult = { id: number; bytes: Uint8Array } | { id: number; error: string };
/** What a letter thread starts with: the seal key (DER), so it can sign what it rendered. */
export interface LetterThreadData {
  key: { pkcs8: Buffer; certDer: Buffer; fingerprint: string } | null;
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>;
}

/**
 * Renders letters (pdfkit) and seals them (PAdES with the installation's key) on worker threads:
 * that work is most of an issuance's CPU time, and on the event loop it held up every other
 * request and left the other cores idle. `size` 0 does the work in this thread. Threads start on
 * first use (most processes, and most test apps, never issue); a job goes to the thread with the
 * fewest in flight, queued there, so a thread never waits for the event loop to hand it the next
 * one. A thread that dies fails its jobs (the issuance rolls back as on any error) and is replaced
 * on the next job. The callers' order of steps is unchanged: a render or seal is awaited where it
 * ran before, so the letter-number and storage rules of IssuanceService hold as they did.
 */
export class LetterThreads implements OnModuleDestroy {
  private readonly logger = new Logger('LetterThreads');
  private readonly threads: Thread[] = [];
  private nextId = 0;

  constructor(
    readonly size: number,
    private readonly key: SealKey | null,
  ) {}

  render(letter: Letter): Promise<Buffer> {
    return this.size ? this.submit({ kind: 'render', letter }) : renderLetter(letter);
  }

  /** Signs with the seal key given to the constructor. */
  seal(pdf: Buffer, meta: PadesMeta): Promise<Buffer> {
    if (!this.key) return Promise.reject(new Error('LetterThreads has no seal key'));
    return this.size ? this.submit({ kind: 'seal', pdf, meta }) : padesSign(pdf, this.key, meta);
  }

  /** `letter` rendered and signed with the seal key, in one job. */
  async renderAndSeal(letter: Letter, meta: PadesMeta): Promise<Buffer> {
    if (!this.key) throw new Error('LetterThreads has no seal key');
    return this.size ? this.submit({ kind: 'render-seal', letter, meta }) : padesSign(await renderLetter(letter), this.key, meta);
  }

  async onModuleDestroy(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private submit(job: LetterJob): Promise<Buffer> {
    const thread =
      this.threads.length < this.size ? this.start() : this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = ++this.nextId;
    return new Promise<Buffer>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ ...job, id });
    });
  }

  private start(): Thread {
    const data: LetterThreadData = {
      key: this.key
        ? {
            pkcs8: this.key.privateKey.export({ format: 'der', type: 'pkcs8' }),
            certDer: this.key.certDer,
            fingerprint: this.key.fingerprint,
          }
        : null,
    };
    const worker = fromSources()
      ? new Worker(TS_ENTRY, { eval: true, workerData: { ...data, entry: path.join(__dirname, 'letter-worker.ts'), root: ROOT } })
      : new Worker(path.join(__dirname, 'letter-worker.js'), { workerData: data });
    // The threads never keep the process alive; shutdown terminates them (onModuleDestroy).
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    this.threads.push(thread);
    worker.on('message', (r: LetterJobResult) => {
      const p = thread.pending.get(r.id);
      if (!p) return;
      thread.pending.delete(r.id);
      if ('error' in r) p.reject(new Error(`letter thread: ${r.error}`));
      else p.resolve(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
    });
    const fail = (e: Error) => {
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      if (thread.pending.size) this.logger.error({ err: e, jobs: thread.pending.size }, 'a letter thread stopped with jobs in flight');
      for (const p of thread.pending.values()) p.reject(e);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`letter thread exited (code ${code})`)));
    return thread;
  }
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Running from the TypeScript sources (jest): the compiled letter-worker.js does not exist. */
function fromSources(): boolean {
  return __filename.endsWith('.ts');
}

/**
 * The worker's entry when the API runs from its TypeScript sources (the e2e tests): compiles
 * `.ts` files with swc as jest does (the repository's .swcrc, CommonJS) and maps the
 * `@layanan/*` libraries to their sources, then loads letter-worker.ts. The built API (dist)
 * starts letter-worker.js directly.
 */
const TS_ENTRY = `
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const { transformSync } = require(require.resolve('@swc/core', { paths: [workerData.root] }));
const swcrc = JSON.parse(fs.readFileSync(path.join(workerData.root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const options = { ...swcrc, module: { type: 'commonjs' }, swcrc: false, sourceMaps: 'inline' };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@layanan\\/(workflow|authz|contracts|sla)$/.exec(request);
  return resolve.call(this, lib ? path.join(workerData.root, 'libs', lib[1], 'src', 'index.ts') : request, ...rest);
};
require.extensions['.ts'] = (module, filename) =>
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
require(workerData.entry);
`;
