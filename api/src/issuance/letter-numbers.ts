import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One gap-free counter: per OPD (scope '') or per template (`service:<id>`), per year. */
export interface CounterKey {
  opdId: string;
  scope: string;
  year: number;
}

/** A number expected for a document, and the step that takes the real one. */
export interface NumberGuess {
  seq: number;
  /**
   * Bumps the counter row in the caller's transaction (its row lock is held until commit) and
   * returns the number taken: the guess, or another one when the guess was wrong.
   */
  take(): Promise<number>;
  /** Gives the place up when the issuance stops before `take` (call it in a `finally`; after `take` it does nothing). */
  abandon(): void;
}

/**
 * Letter numbers are gap-free: a counter row bumped in the issuing transaction, so a failed
 * issuance consumes nothing. The bump locks the row until commit, and the letter shows its number,
 * so every issuance of one counter waits for the one before to commit. What runs under that lock
 * should be short: `guess` says which number the document will most likely get (the counter as
 * committed, plus the issuances of this process still in flight), the caller renders and signs
 * with it before `take`, and only re-renders when `take` returns another number (a concurrent
 * issuance failed, or another instance took one). Takes in one process happen in the order of the
 * guesses, so a guess is wrong only after such an event.
 */
@Injectable()
export class LetterNumbers {
  private readonly last = new Map<string, number>();
  private readonly queue = new Map<string, Promise<void>>();

  async guess(m: EntityManager, key: CounterKey): Promise<NumberGuess> {
    const [row] = await m.query<{ last_seq: number }[]>(
      `SELECT last_seq FROM letter_number_counters WHERE opd_id = $1 AND scope = $2 AND year = $3`,
      [key.opdId, key.scope, key.year],
    );
    // From here to the end of this block nothing awaits: guesses and queue places are given out in one order.
    const id = `${key.opdId}/${key.scope}/${key.year}`;
    const seq = Math.max(row?.last_seq ?? 0, this.last.get(id) ?? 0) + 1;
    this.last.set(id, seq);
    const before = this.queue.get(id) ?? Promise.resolve();
    let done = () => {};
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = before.then(() => mine);
    this.queue.set(id, tail);
    let taken = false;
    const leave = () => {
      done();
      if (this.queue.get(id) === tail) this.queue.delete(id);
    };
    return {
      seq,
      take: async () => {
        if (taken) throw new Error('a letter number is taken once');
        taken = true;
        try {
          await before;
          const [{ last_seq: got }] = await m.query<{ last_seq: number }[]>(
            `INSERT INTO letter_number_counters (opd_id, scope, year, last_seq) VALUES ($1, $2, $3, 1)
             ON CONFLICT (opd_id, scope, year) DO UPDATE SET last_seq = letter_number_counters.last_seq + 1 RETURNING last_seq`,
            [key.opdId, key.scope, key.year],
          );
          // A wrong guess: the guesses given out after it are wrong too; the next ones start from the counter again.
          if (got !== seq) this.last.delete(id);
          return got;
        } finally {
          leave();
        }
      },
      abandon: () => {
        if (taken) return;
        // The guesses given out after this one are one too high now.
        taken = true;
        this.last.delete(id);
        leave();
      },
    };
  }
}
