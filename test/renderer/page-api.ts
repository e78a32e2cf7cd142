/**
 * The page side of the harness: what the preload would put on `window.feedtray`. It runs as an init
 * script (injected by the browser before any page script, so the CSP is untouched) and forwards
 * `invoke` to a binding the harness exposes, and pushes from the harness to the page's listeners.
 */
import type { FeedTrayApi, InvokeChannel, PushChannel } from '../../src/shared/ipc.ts';

/** The binding `invoke` goes through (exposed with `context.exposeBinding`). */
export const INVOKE_BINDING = '__feedtrayInvoke';
/** The function the harness calls (with `page.evaluate`) to deliver a push. */
export const PUSH_FUNCTION = '__feedtrayPush';

/** The names the page side needs: the harness's two functions and the flow-control channels. */
export interface PageApiNames {
  invoke: string;
  push: string;
  batchEnd: PushChannel;
  ack: InvokeChannel;
}

/** Installs `window.feedtray`. Serialized into the page: it may use nothing from this module's scope. */
export function installPageApi(names: PageApiNames): void {
  type Listener = (payload: unknown) => void;
  const page = globalThis as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<Listener>>();
  const ack = (request: unknown) => {
    const invoke = page[names.invoke] as
      ((channel: string, request: unknown) => Promise<unknown>) | undefined;
    void invoke?.(names.ack, request).catch(() => undefined);
  };
  page[names.push] = (channel: string, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`listener for ${channel} failed`, error);
      }
    }
    // As the preload does (src/preload/api.ts): every push batch is acknowledged once handled.
    if (channel === names.batchEnd) ack({ batch: (payload as { batch: number }).batch });
  };
  ack({ hello: true });
  const api = {
    // Looked up per call: the binding may be installed after this script ran.
    invoke: (channel: string, request: unknown) =>
      (page[names.invoke] as (channel: string, request: unknown) => Promise<unknown>)(channel, request),
    on: (channel: string, listener: Listener) => {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
  };
  // Like contextBridge: a frozen object on a non-writable property.
  Object.defineProperty(page, 'feedtray', {
    value: Object.freeze(api as unknown as FeedTrayApi),
    enumerable: true,
  });
}
