import { LetterNumbers } from '../../api/src/issuance/letter-numbers';
import { createTestApp, TestApp } from '../support/test-app';
import { demoSeed, idOf } from '../support/session';

/** A decision the test makes later: whether a transaction waiting on it commits (true) or rolls back. */
function gate() {
  let release: (ok: boolean) => void = () => {};
  const decided = new Promise<boolean>((r) => (release = r));
  return { decided, release };
}

describe('letter numbers: guessed before the counter is locked, taken in the issuing transaction', () => {
  let t: TestApp;
  let numbers: LetterNumbers;
  let opdId: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    numbers = t.app.get(LetterNumbers);
    opdId = await idOf(t, 'opds', 'code', 'bapenda');
  });
  afterAll(async () => {
    await t.close();
  });

  const last = async (scope: string) =>
    (
      await t.db.query<{ last_seq: number }[]>(`SELECT last_seq FROM letter_number_counters WHERE opd_id = $1 AND scope = $2`, [
        opdId,
        scope,
      ])
    )[0]?.last_seq ?? 0;

  it('guesses in-flight issuances in order: the guesses are what the takes return, and the numbers commit gap-free', async () => {
    const key = { opdId, scope: 'test:order', year: 2026 };
    const gates = [gate(), gate(), gate()];
    const seen: { guess: number; taken: number }[] = [];
    const runs = gates.map((g) =>
      t.db
        .transaction(async (m) => {
          const guess = await numbers.guess(m, key);
          try {
            const taken = await guess.take();
            seen.push({ guess: guess.seq, taken });
            if (!(await g.decided)) throw new Error('rolled back on purpose');
          } finally {
            guess.abandon();
          }
        })
        .catch(() => 'rolled back'),
    );
    // Let each commit in turn (the counter's row lock orders them; a later take waits for the earlier commit).
    await new Promise((r) => setTimeout(r, 200));
    for (const g of gates) {
      g.release(true);
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(runs);
    expect(seen).toEqual([
      { guess: 1, taken: 1 },
      { guess: 2, taken: 2 },
      { guess: 3, taken: 3 },
    ]);
    expect(await last('test:order')).toBe(3);
  });

  it('after a rolled-back issuance the next guess is wrong and take returns the free number: no gap, no duplicate', async () => {
    const key = { opdId, scope: 'test:rollback', year: 2026 };
    const first = gate();
    const seen: { guess: number; taken: number }[] = [];
    const run = (decided: Promise<boolean>) =>
      t.db
        .transaction(async (m) => {
          const guess = await numbers.guess(m, key);
          try {
            const taken = await guess.take();
            seen.push({ guess: guess.seq, taken });
            if (!(await decided)) throw new Error('rolled back on purpose');
          } finally {
            guess.abandon();
          }
        })
        .then(
          () => 'committed',
          () => 'rolled back',
        );
    const a = run(first.decided);
    await new Promise((r) => setTimeout(r, 100));
    const b = run(Promise.resolve(true));
    await new Promise((r) => setTimeout(r, 200));
    first.release(false);
    await expect(Promise.all([a, b])).resolves.toEqual(['rolled back', 'committed']);
    // b guessed 2 while a held 1; a's rollback gave 1 back, and b took it.
    expect(seen).toEqual([
      { guess: 1, taken: 1 },
      { guess: 2, taken: 1 },
    ]);
    expect(await last('test:rollback')).toBe(1);
    // The next guess starts from the counter again.
    await t.db.transaction(async (m) => {
      const guess = await numbers.guess(m, key);
      expect(guess.seq).toBe(2);
      await expect(guess.take()).resolves.toBe(2);
    });
  });

  it('an issuance that stops before taking gives its place up: the ones queued behind it are not held', async () => {
    const key = { opdId, scope: 'test:abandon', year: 2026 };
    const taken = await t.db.transaction(async (m) => {
      const stopped = await numbers.guess(m, key);
      const next = await numbers.guess(m, key);
      expect([stopped.seq, next.seq]).toEqual([1, 2]);
      stopped.abandon();
      return next.take();
    });
    expect(taken).toBe(1);
    expect(await last('test:abandon')).toBe(1);
  });
});
