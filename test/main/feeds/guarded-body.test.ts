import { describe, expect, it } from 'vitest';
import { guardedBody, SLICE_BYTES } from '../../../src/main/feeds/guarded-body.ts';
import type { StreamGuardHooks } from '../../../src/main/feeds/stream-guard.ts';

const quiet: StreamGuardHooks = {
  onBytes: () => undefined,
  onOversizedEvent: () => undefined,
  onRetry: () => undefined,
  onEventForwarded: () => undefined,
};

function bodyOf(parts: (Uint8Array | Error)[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[next++];
      if (part === undefined) controller.close();
      else if (part instanceof Error) controller.error(part);
      else controller.enqueue(part);
    },
  });
}

describe('guardedBody', () => {
  it('hands a burst to the parser in slices, and lets the event loop turn once the budget is spent', async () => {
    const burst = new TextEncoder().encode('id: 1\ndata: {"rate":7.1}\n\n'.repeat(100_000));
    let clockMs = 0;
    let yields = 0;
    const stream = guardedBody(bodyOf([burst]), {
      maxEventBytes: 1024,
      hooks: quiet,
      onEnd: () => undefined,
      now: () => (clockMs += 6), // every look at the clock finds 6 ms of work done
      yieldToEventLoop: () => {
        yields++;
        return Promise.resolve();
      },
    });
    let received = 0;
    let largest = 0;
    let reads = 0;
    for await (const slice of stream) {
      received += slice.length;
      largest = Math.max(largest, slice.length);
      reads++;
    }
    expect(received).toBe(burst.length);
    expect(largest).toBeLessThanOrEqual(SLICE_BYTES);
    expect(reads).toBeGreaterThanOrEqual(Math.ceil(burst.length / SLICE_BYTES));
    // One yield every second slice: 12 ms of "work" passes the 10 ms budget.
    expect(yields).toBeGreaterThanOrEqual(Math.floor(reads / 2) - 1);
  });

  it('reports the end of the body before the reader sees it', async () => {
    let ended: unknown = 'not yet';
    const stream = guardedBody(bodyOf([new TextEncoder().encode('data: a\n\n')]), {
      maxEventBytes: 1024,
      hooks: quiet,
      onEnd: (error) => (ended = error),
    });
    const reader = stream.getReader();
    expect((await reader.read()).done).toBe(false);
    expect(ended).toBe('not yet');
    expect((await reader.read()).done).toBe(true);
    expect(ended).toBeNull();
  });

  it('reports a body that breaks, with its error, before the reader sees it', async () => {
    const broken = new Error('socket hang up');
    let ended: unknown = 'not yet';
    const stream = guardedBody(bodyOf([new TextEncoder().encode('data: a\n\n'), broken]), {
      maxEventBytes: 1024,
      hooks: quiet,
      onEnd: (error) => (ended = error),
    });
    const reader = stream.getReader();
    await reader.read();
    await expect(reader.read()).rejects.toBe(broken);
    expect(ended).toBe(broken);
  });
});
