/** Longest delay `setTimeout` honours (about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `onExpire` once the clock passes `expSeconds` (a token's `exp`), and returns a function
 * that cancels it. Tokens live up to 90 days, longer than one timer can wait, so the wait is
 * split into steps. The timers do not keep the process alive.
 */
export function whenExpired(expSeconds: number, onExpire: () => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  const arm = () => {
    const remaining = expSeconds * 1000 - Date.now();
    if (remaining <= 0) {
      timer = null;
      onExpire();
      return;
    }
    timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
    timer.unref?.();
  };
  arm();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
