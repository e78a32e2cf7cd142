/**
 * The ports of the core: time and the network, injected so every part (feeds, pipeline, settings,
 * platform) runs the same under test, in the CLI and in the app. Nothing here knows about feeds.
 */

/** The network, injected: Node's global `fetch` in the CLI and tests, Electron's `net.fetch` in the app. */
export type FetchFn = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Time as the core sees it: injected so tests can drive timers without waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** An opaque timer handle. */
export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof globalThis.setTimeout>;

/** The longest delay a timer can hold: Node fires anything longer after 1 ms (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay any timer can hold: NaN and negatives become 0, anything longer than MAX_TIMER_MS that. */
export function timerDelay(delayMs: number): number {
  return Number.isNaN(delayMs) ? 0 : Math.min(Math.max(delayMs, 0), MAX_TIMER_MS);
}

/**
 * The real clock. Timers are unref'd so a pending retry never keeps a CLI process alive on its own;
 * delays are clamped as a backstop, so no caller's arithmetic can turn into a 1 ms loop.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const handle = globalThis.setTimeout(callback, timerDelay(delayMs));
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
