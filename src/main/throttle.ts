import type { Clock, TimerHandle } from './ports.ts';

/** A throttled call: `request()` as often as you like, `dispose()` to cancel a pending run. */
export interface Throttled {
  request(): void;
  dispose(): void;
}

/**
 * Runs `run` at once on the first request, then at most once per `intervalMs`; requests in between
 * collapse into one trailing run, so the last change is always shown.
 */
export function throttle(run: () => void, intervalMs: number, clock: Clock): Throttled {
  let lastRunAt = -Infinity;
  let timer: TimerHandle | null = null;
  const fire = () => {
    timer = null;
    lastRunAt = clock.now();
    run();
  };
  return {
    request() {
      if (timer !== null) return;
      const waitMs = lastRunAt + intervalMs - clock.now();
      if (waitMs <= 0) fire();
      else timer = clock.setTimeout(fire, waitMs);
    },
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
