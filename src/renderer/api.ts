/**
 * The window's only way out: `window.feedtray`, which the preload exposes (and the test harness stands
 * in for). `IpcClient` wraps it so a call never rejects: a broken transport is one more error value.
 */
import type {
  FeedTrayApi,
  InvokeChannel,
  IpcResult,
  PushChannel,
  PushPayloadOf,
  RequestOf,
  ResponseOf,
} from '../shared/ipc.ts';

declare global {
  interface Window {
    /** Present when the preload (or the test harness) ran; absent if the page was opened on its own. */
    feedtray?: FeedTrayApi;
  }
}

/** The API the preload exposed, or null when the page was loaded without it. */
export function findApi(): FeedTrayApi | null {
  const api = window.feedtray;
  return api && typeof api.invoke === 'function' && typeof api.on === 'function' ? api : null;
}

/** Typed IPC calls that resolve to an `IpcResult` in every case. */
export class IpcClient {
  readonly #api: FeedTrayApi;

  constructor(api: FeedTrayApi) {
    this.#api = api;
  }

  /** Sends a request; a rejected promise (transport failure) becomes `{ ok: false, code: 'internal' }`. */
  async invoke<C extends InvokeChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>> {
    try {
      return await this.#api.invoke(channel, request);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      return { ok: false, error: { code: 'internal', message } };
    }
  }

  /** Subscribes to a push channel; returns the unsubscribe function. */
  on<C extends PushChannel>(channel: C, listener: (payload: PushPayloadOf<C>) => void): () => void {
    return this.#api.on(channel, listener);
  }
}
