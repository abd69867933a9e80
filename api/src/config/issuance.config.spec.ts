import { availableParallelism } from 'node:os';
import { loadIssuanceConfig } from './issuance.config';

describe('issuance config: the letter threads', () => {
  it('defaults to one thread per core, a queue of 64, 30 s per document and no test hook', () => {
    expect(loadIssuanceConfig({}).letterThreads).toEqual({
      size: availableParallelism(),
      maxQueue: 64,
      timeoutMs: 30_000,
      crashMarker: null,
    });
  });

  it('takes LETTER_THREADS=0 (the event loop), the queue bound and the timeout', () => {
    const c = loadIssuanceConfig({ LETTER_THREADS: '0', LETTER_THREADS_QUEUE: '5', LETTER_THREADS_TIMEOUT_MS: '2000' });
    expect(c.letterThreads).toMatchObject({ size: 0, maxQueue: 5, timeoutMs: 2000 });
  });

  it.each([
    ['LETTER_THREADS_QUEUE', '0', /LETTER_THREADS_QUEUE/],
    ['LETTER_THREADS_TIMEOUT_MS', '10', /LETTER_THREADS_TIMEOUT_MS/],
  ])('refuses %s=%s, naming the variable', (key, value, message) => {
    expect(() => loadIssuanceConfig({ [key]: value })).toThrow(message);
  });

  it('keeps the crash hook out of production', () => {
    expect(loadIssuanceConfig({ LETTER_THREADS_TEST_CRASH_MARKER: 'CRASH-HERE' }).letterThreads.crashMarker).toBe('CRASH-HERE');
    expect(() => loadIssuanceConfig({ LETTER_THREADS_TEST_CRASH_MARKER: 'CRASH-HERE', NODE_ENV: 'production' })).toThrow(
      /LETTER_THREADS_TEST_CRASH_MARKER is for tests/,
    );
  });
});
