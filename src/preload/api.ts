/**
 * The preload's logic, apart from the `electron` import so the typed fake can run it too. Only the
 * channel lists are imported at runtime (`ipc-channels.ts` has no dependencies): the sandboxed preload
 * must bundle into one CommonJS file that requires nothing but `electron`.
 */
import type { FeedTrayApi } from '../shared/ipc.ts';
import { API_NAME, INVOKE_CHANNELS, PUSH_CHANNELS } from '../shared/ipc-channels.ts';

/** The part of `ipcRenderer` the preload uses. */
export interface PreloadIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The part of `contextBridge` the preload uses. */
export interface PreloadContextBridge {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

const invokeChannels: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const pushChannels: ReadonlySet<string> = new Set(PUSH_CHANNELS);

/** The flow-control channels (`src/shared/ipc.ts`); typed against the lists so a rename breaks the build. */
const BATCH_END: (typeof PUSH_CHANNELS)[number] = 'push:batchEnd';
const ACK: (typeof INVOKE_CHANNELS)[number] = 'window:ack';

/**
 * Acknowledges every push batch main sends, so main never has more than a few unhandled ones queued
 * for this page. IPC from main arrives in order on the page's thread, so when `push:batchEnd` is
 * handled here the batch's events and statuses have been handled by the page's listeners. The hello
 * tells main a fresh page loaded: batches sent to the page before will never be acknowledged.
 */
export function acknowledgePushBatches(ipcRenderer: PreloadIpcRenderer): void {
  const send = (request: unknown) => {
    // A refusal or a closing window is not the page's business; main's count resets on the next hello.
    Promise.resolve()
      .then(() => ipcRenderer.invoke(ACK, request))
      .catch(() => undefined);
  };
  ipcRenderer.on(BATCH_END, (_event, payload) => {
    const batch = (payload as { batch?: unknown } | null)?.batch;
    if (typeof batch === 'number') send({ batch });
  });
  send({ hello: true });
}

/**
 * `window.feedtray`: `invoke` and `on` for the contract's channels and nothing else. A page cannot reach
 * `ipcRenderer` itself, pick another channel, or see the `IpcRendererEvent` (whose `sender` would hand
 * it `ipcRenderer` back).
 */
export function createFeedTrayApi(ipcRenderer: PreloadIpcRenderer): FeedTrayApi {
  const api = {
    invoke(channel: string, request: unknown): Promise<unknown> {
      if (typeof channel !== 'string' || !invokeChannels.has(channel)) {
        // An error value like every other refusal: the contract's requests never reject.
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unknown-channel',
            message: `FeedTray has no channel named ${String(channel).slice(0, 60)}`,
          },
        });
      }
      return ipcRenderer.invoke(channel, request);
    },
    on(channel: string, listener: (payload: unknown) => void): () => void {
      if (typeof channel !== 'string' || !pushChannels.has(channel)) {
        throw new Error(`FeedTray pushes nothing on ${String(channel).slice(0, 60)}`);
      }
      if (typeof listener !== 'function') throw new Error('FeedTray needs a function to call');
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  };
  // The contract's generics live in the type; at runtime both take any channel string and check it.
  return api as FeedTrayApi;
}

/** Exposes the API to the page as `window.feedtray`, and acknowledges push batches for it. */
export function exposeFeedTrayApi(
  contextBridge: PreloadContextBridge,
  ipcRenderer: PreloadIpcRenderer,
): void {
  // Registered before any page script runs: no page can keep main from bounding what it sends.
  acknowledgePushBatches(ipcRenderer);
  contextBridge.exposeInMainWorld(API_NAME, createFeedTrayApi(ipcRenderer));
}
