import { AppError } from '../../common/errors/app-error';
import type { Letter } from '../rendering/letter-renderer';
import { LetterThreads } from './letter-threads';

const letter: Letter = {
  letterhead: { lines: ['PEMERINTAH KOTA MALANG', 'DINAS CONTOH'], address: 'Jl. Contoh 1', contact: '', logo: null },
  title: 'Surat Keterangan',
  number: '1/2026',
  body: 'Yang bertanda tangan di bawah ini menerangkan.',
  city: 'Malang',
  date: new Date('2026-11-20T03:00:00Z'),
  signatory: null,
  signature: { mode: 'seal', kind: 'local', opdName: 'Dinas Contoh' },
  verification: null,
  watermark: null,
  subject: 'Surat Keterangan',
};

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
const code = (r: PromiseSettledResult<Buffer>) => (r.status === 'rejected' && r.reason instanceof AppError ? r.reason.code : null);

describe('LetterThreads (piscina)', () => {
  let threads: LetterThreads | null = null;
  afterEach(async () => {
    await threads?.onModuleDestroy();
    threads = null;
  });

  it('renders on a thread and hands back a Buffer', async () => {
    threads = new LetterThreads({ size: 1, maxQueue: 8, timeoutMs: 60_000 }, null);
    const pdf = await threads.render(letter);
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(isPdf(pdf)).toBe(true);
  });

  it('refuses a job beyond the queue bound with SERVICE_UNAVAILABLE; the admitted ones render', async () => {
    // One thread, one place in the queue: the first job runs, the second waits, the rest are refused.
    threads = new LetterThreads({ size: 1, maxQueue: 1, timeoutMs: 60_000 }, null);
    const t = threads;
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => t.render(letter)));
    expect(results.map((r) => (r.status === 'fulfilled' ? isPdf(r.value) : code(r)))).toEqual([
      true,
      true,
      'SERVICE_UNAVAILABLE',
      'SERVICE_UNAVAILABLE',
    ]);
    // Once the queue has drained, jobs are taken again.
    expect(isPdf(await t.render(letter))).toBe(true);
  });

  it('fails a job that outlasts the timeout with SERVICE_UNAVAILABLE', async () => {
    threads = new LetterThreads({ size: 1, maxQueue: 8, timeoutMs: 1 }, null);
    const [r] = await Promise.allSettled([threads.render(letter)]);
    expect(code(r)).toBe('SERVICE_UNAVAILABLE');
    expect(r.status === 'rejected' && (r.reason as Error).message).toMatch(/did not finish within 1 ms/);
  });

  it('renders in this thread with size 0', async () => {
    threads = new LetterThreads({ size: 0, maxQueue: 1, timeoutMs: 1 }, null);
    expect(isPdf(await threads.render(letter))).toBe(true);
  });
});
