import { Logger, type OnModuleDestroy } from '@nestjs/common';
import path from 'node:path';
import { Piscina } from 'piscina';
import { AppError } from '../../common/errors/app-error';
import { renderLetter, type Letter } from '../rendering/letter-renderer';
import { padesSign, type PadesMeta, type SealKey } from '../signing/pades';

/** One piece of CPU-bound work of an issuance. */
export type LetterJob =
  | { kind: 'render'; letter: Letter }
  | { kind: 'seal'; pdf: Buffer; meta: PadesMeta }
  | { kind: 'render-seal'; letter: Letter; meta: PadesMeta };
/** What a letter thread starts with: the seal key (DER), so it can sign what it rendered. */
export interface LetterThreadData {
  key: { pkcs8: Buffer; certDer: Buffer; fingerprint: string } | null;
  /** LETTER_THREADS_TEST_CRASH_MARKER (tests only): a letter whose body holds it ends its thread mid-job. */
  crashMarker: string | null;
}

export interface LetterThreadsOptions {
  /** Threads (LETTER_THREADS); 0 does the work in this thread. */
  size: number;
  /** Jobs that may wait for a thread (LETTER_THREADS_QUEUE); one more is refused with SERVICE_UNAVAILABLE. */
  maxQueue: number;
  /** How long a job may take from submission, waiting included (LETTER_THREADS_TIMEOUT_MS). */
  timeoutMs: number;
  crashMarker?: string | null;
}

/**
 * Renders letters (pdfkit) and seals them (PAdES with the installation's key) on worker threads,
 * a piscina pool: that work is most of an issuance's CPU time, and on the event loop it held up
 * every other request and left the other cores idle. `size` 0 does the work in this thread. The
 * pool starts on first use (most processes, and most test apps, never issue) with all its threads;
 * a job waits in piscina's queue for a free thread. A full queue refuses the job, and a job that
 * takes longer than `timeoutMs` is aborted (its thread is terminated and replaced), both with
 * SERVICE_UNAVAILABLE (503, Retry-After). A thread that dies fails its job (an error, 500) and is
 * replaced. Either way the issuance rolls back as on any error. The callers' order of steps is
 * unchanged: a render or seal is awaited where it ran before, so the letter-number and storage
 * rules of IssuanceService hold as they did.
 */
export class LetterThreads implements OnModuleDestroy {
  private readonly logger = new Logger('LetterThreads');
  private pool: Piscina<LetterJob, Uint8Array> | null = null;

  constructor(
    private readonly opts: LetterThreadsOptions,
    private readonly key: SealKey | null,
  ) {}

  render(letter: Letter): Promise<Buffer> {
    return this.opts.size ? this.submit({ kind: 'render', letter }) : renderLetter(letter);
  }

  /** Signs with the seal key given to the constructor. */
  seal(pdf: Buffer, meta: PadesMeta): Promise<Buffer> {
    if (!this.key) return Promise.reject(new Error('LetterThreads has no seal key'));
    return this.opts.size ? this.submit({ kind: 'seal', pdf, meta }) : padesSign(pdf, this.key, meta);
  }

  /** `letter` rendered and signed with the seal key, in one job. */
  async renderAndSeal(letter: Letter, meta: PadesMeta): Promise<Buffer> {
    if (!this.key) throw new Error('LetterThreads has no seal key');
    return this.opts.size ? this.submit({ kind: 'render-seal', letter, meta }) : padesSign(await renderLetter(letter), this.key, meta);
  }

  /** Fails the jobs still waiting and terminates the threads. */
  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private async submit(job: LetterJob): Promise<Buffer> {
    const pool = (this.pool ??= this.start());
    // The bound is checked here: piscina's maxQueue does not count jobs that carry an AbortSignal
    // (they wait in its skip queue), and queueSize counts both queues.
    if (pool.queueSize >= this.opts.maxQueue) throw this.busy();
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    try {
      // Structured clone hands the Buffer back as a plain Uint8Array.
      const bytes = await pool.run(job, { signal });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (e) {
      if (signal.aborted)
        throw new AppError('SERVICE_UNAVAILABLE', `A letter thread did not finish within ${this.opts.timeoutMs} ms; try again later`);
      // piscina's own bound (the same maxQueue, a backstop) has no error class, only this message.
      if (e instanceof Error && e.message === 'Task queue is at limit') throw this.busy();
      throw e;
    }
  }

  private busy(): AppError {
    return new AppError(
      'SERVICE_UNAVAILABLE',
      `All ${this.opts.size} letter threads are busy and ${this.opts.maxQueue} documents wait; try again in a few seconds`,
    );
  }

  private start(): Piscina<LetterJob, Uint8Array> {
    const workerData: LetterThreadData = {
      key: this.key
        ? {
            pkcs8: this.key.privateKey.export({ format: 'der', type: 'pkcs8' }),
            certDer: this.key.certDer,
            fingerprint: this.key.fingerprint,
          }
        : null,
      crashMarker: this.opts.crashMarker ?? null,
    };
    const pool = new Piscina<LetterJob, Uint8Array>({
      // Running from the TypeScript sources (jest) there is no letter-worker.js: the thread loads
      // the .ts file through test/support/swc-register.js, which compiles it with swc as jest does.
      ...(fromSources()
        ? {
            filename: path.join(__dirname, 'letter-worker.ts'),
            execArgv: ['--require', path.join(ROOT, 'test', 'support', 'swc-register.js')],
          }
        : { filename: path.join(__dirname, 'letter-worker.js') }),
      workerData,
      minThreads: this.opts.size,
      maxThreads: this.opts.size,
      maxQueue: this.opts.maxQueue,
      concurrentTasksPerWorker: 1,
    });
    // A thread that fails with no job on it (a failing start): jobs fail on their own.
    pool.on('error', (err: unknown) => this.logger.error({ err }, 'a letter thread failed'));
    return pool;
  }
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Running from the TypeScript sources (jest): the compiled letter-worker.js does not exist. */
function fromSources(): boolean {
  return __filename.endsWith('.ts');
}
