/** Test helpers: read a live SSE response with a real parser and wait, with a bound, for what arrives. */

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/demo/server.ts';

/** How long any single wait in these tests may take before it fails with a message. */
export const WAIT_MS = 5000;

/** One open SSE response, parsed as it arrives; the raw text is kept for byte-level checks. */
export class SseStream {
  readonly response: Response;
  readonly events: EventSourceMessage[] = [];
  readonly comments: string[] = [];
  readonly retries: number[] = [];
  raw = '';
  ended = false;
  /** Why reading stopped, when it stopped with an error (an abort, a reset) rather than a clean end. */
  endError: unknown = null;
  readonly #abort: AbortController;
  #changed: () => void = () => {};

  private constructor(response: Response, abort: AbortController) {
    this.response = response;
    this.#abort = abort;
  }

  /** Connects with `fetch` and starts reading in the background. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { Accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    const stream = new SseStream(response, abort);
    void stream.#pump();
    return stream;
  }

  /** Resolves once `condition` holds; fails after `timeoutMs`, or if the stream ends first. */
  async until(condition: (stream: this) => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (condition(this)) resolve();
          else if (this.ended) reject(new Error(`stream ended before ${what}`));
        };
        this.#changed = check;
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
        check();
      });
    } finally {
      clearTimeout(timer);
      this.#changed = () => {};
    }
  }

  /** Waits until at least `count` events have arrived. */
  untilEvents(count: number): Promise<void> {
    return this.until((stream) => stream.events.length >= count, `${count} events`);
  }

  /** Disconnects, as a client closing its tab would. */
  close(): void {
    this.#abort.abort();
  }

  async #pump(): Promise<void> {
    const parser = createParser({
      onEvent: (event) => this.events.push(event),
      onComment: (comment) => this.comments.push(comment),
      onRetry: (retry) => this.retries.push(retry),
    });
    const decoder = new TextDecoder();
    try {
      const reader = this.response.body?.getReader();
      for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
        const text = decoder.decode(read.value as Uint8Array, { stream: true });
        this.raw += text;
        parser.feed(text);
        this.#changed();
      }
    } catch (error) {
      // Kept rather than thrown: nobody awaits the pump, and tests look at `ended` and what arrived.
      this.endError = error;
    } finally {
      this.ended = true;
      this.#changed();
    }
  }
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts demo servers for one test file and closes every one of them after each test. */
export function demoServers(): {
  start(options?: DemoServerOptions): Promise<DemoServer>;
  closeAll(): Promise<void>;
} {
  const running: DemoServer[] = [];
  return {
    async start(options = {}) {
      const server = await startDemoServer(options);
      running.push(server);
      return server;
    },
    async closeAll() {
      await Promise.all(running.splice(0).map((server) => server.close()));
    },
  };
}

/** The ids of received events as numbers. */
export function ids(events: readonly EventSourceMessage[]): number[] {
  return events.map((event) => Number(event.id));
}
