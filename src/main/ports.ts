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

/** The real clock. Timers are unref'd so a pending retry never keeps a CLI process alive on its own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const handle = globalThis.setTimeout(callback, delayMs);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
