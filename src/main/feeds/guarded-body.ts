import { StreamGuard, type StreamGuardHooks } from './stream-guard.ts';

/** The most bytes handed to the parser at once: its dispatch of one slice is synchronous. */
export const SLICE_BYTES = 16 * 1024;
/** After this much work without the event loop turning, the next slice waits for a macrotask. */
export const SLICE_BUDGET_MS = 8;

/** What a guarded body needs besides the guard's hooks. */
export interface GuardedBodyOptions {
  maxEventBytes: number;
  hooks: StreamGuardHooks;
  /**
   * Called once when the body ends (`error` null) or breaks, before the reader learns of it: the
   * connection closes its EventSource there, so the package never schedules a reconnect of its own.
   */
  onEnd(error: unknown): void;
  /** Resolves on a later macrotask (default `setImmediate`). */
  yieldToEventLoop?: () => Promise<void>;
  /** A monotonic clock for the slice budget (default `performance.now`). */
  now?: () => number;
}

const setImmediateYield = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The response body as the parser reads it: through the stream guard, in slices of at most
 * SLICE_BYTES, and with a macrotask between slices once SLICE_BUDGET_MS of work went by. A burst that
 * arrived faster than it is parsed would otherwise be read chunk after chunk in microtasks, the
 * parser dispatching every event of it in one turn of the event loop, freezing tray and IPC.
 */
export function guardedBody(
  body: ReadableStream<Uint8Array>,
  options: GuardedBodyOptions,
): ReadableStream<Uint8Array> {
  const now = options.now ?? (() => performance.now());
  const yieldToEventLoop = options.yieldToEventLoop ?? setImmediateYield;
  const reader = body.getReader();
  const ready: Uint8Array[] = [];
  let readyHead = 0;
  const guard = new StreamGuard(options.maxEventBytes, options.hooks, (part) => {
    for (let at = 0; at < part.length; at += SLICE_BYTES) ready.push(part.subarray(at, at + SLICE_BYTES));
  });
  let ended = false;
  let turnStartedAt = now();

  const nextSlice = (): Uint8Array | undefined => {
    if (readyHead >= ready.length) return undefined;
    const slice = ready[readyHead++];
    if (readyHead === ready.length) {
      ready.length = 0;
      readyHead = 0;
    }
    return slice;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (readyHead < ready.length) {
            if (now() - turnStartedAt > SLICE_BUDGET_MS) {
              await yieldToEventLoop();
              turnStartedAt = now();
            }
            controller.enqueue(nextSlice()!);
            return;
          }
          if (ended) {
            options.onEnd(null);
            controller.close();
            return;
          }
          let result: Awaited<ReturnType<typeof reader.read>>;
          try {
            result = await reader.read();
          } catch (error) {
            options.onEnd(error);
            controller.error(error);
            return;
          }
          if (result.done) {
            guard.end();
            ended = true;
          } else guard.push(result.value);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    // Nothing is read ahead: the parser's own reads drive the pace, so slices wait here, not in a queue.
    { highWaterMark: 0 },
  );
}
