import { useEffect, useRef, useState } from 'react';

// setTimeout holds at most 2^31-1 ms (24.8 days): a longer wait is taken in steps.
const MAX_DELAY = 2_147_483_647;

/**
 * Calls `onReach` once the clock reaches `at` (ms since the epoch, null: never): one timer set to
 * that instant, not polling. `minDelay` is the least wait (a retry's back-off). The timer is set
 * again when the page comes back into view, since a computer's sleep can hold it back past the instant.
 */
export function useTimerAt(at: number | null, onReach: () => void, minDelay = 0): void {
  const callback = useRef(onReach);
  useEffect(() => {
    callback.current = onReach;
  });
  useEffect(() => {
    if (at === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const started = Date.now();
    const fire = () => {
      if (Date.now() < at) return arm();
      done = true;
      callback.current();
    };
    const arm = () => {
      clearTimeout(timer);
      if (done) return;
      const wait = Math.max(at - Date.now(), minDelay - (Date.now() - started), 0);
      timer = setTimeout(fire, Math.min(wait, MAX_DELAY));
    };
    arm();
    const onVisible = () => {
      if (document.visibilityState === 'visible') arm();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [at, minDelay]);
}

/**
 * The current time (ms), rendered anew at the instant `nextAt(now)` names: for a status read from
 * the clock (an appointment that starts or ends while the page is open).
 */
export function useNowUntil(nextAt: (now: number) => number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useTimerAt(nextAt(now), () => setNow(Date.now()));
  return now;
}
