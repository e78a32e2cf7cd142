import { describe, expect, it } from 'vitest';
import { exposeFeedTrayApi, type PreloadIpcRenderer } from '../../src/preload/api.ts';
import type { FeedTrayApi } from '../../src/shared/ipc.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer that records invokes and lets the test deliver pushes in order, as Electron does. */
function fakeIpcRenderer() {
  const invoked: { channel: string; request: unknown }[] = [];
  const listeners = new Map<string, Listener[]>();
  const ipc: PreloadIpcRenderer = {
    invoke: (channel, request) => {
      invoked.push({ channel, request });
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel, listener) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  };
  const deliver = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, payload);
  };
  return { ipc, invoked, deliver };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the preload acknowledges push batches', () => {
  it('says hello before any page script, then acknowledges each batch after the page handled its pushes', async () => {
    const { ipc, invoked, deliver } = fakeIpcRenderer();
    let api: FeedTrayApi | undefined;
    exposeFeedTrayApi({ exposeInMainWorld: (_key, value) => (api = value as FeedTrayApi) }, ipc);
    await settle();
    expect(invoked).toEqual([{ channel: 'window:ack', request: { hello: true } }]);

    const order: string[] = [];
    api!.on('push:events', () => order.push('events'));
    api!.on('push:batchEnd', ({ skipped }) => order.push(`skipped ${skipped.length}`));
    deliver('push:events', []);
    deliver('push:batchEnd', { batch: 7, skipped: [{ feedId: 'rates', count: 3 }] });
    await settle();
    expect(order).toEqual(['events', 'skipped 1']);
    expect(invoked.slice(1)).toEqual([{ channel: 'window:ack', request: { batch: 7 } }]);
  });

  it('acknowledges even when the page listens to nothing, and ignores a malformed batch end', async () => {
    const { ipc, invoked, deliver } = fakeIpcRenderer();
    exposeFeedTrayApi({ exposeInMainWorld: () => undefined }, ipc);
    deliver('push:batchEnd', { batch: 1, skipped: [] });
    deliver('push:batchEnd', null);
    deliver('push:batchEnd', { batch: '2' });
    await settle();
    expect(invoked.map((call) => call.request)).toEqual([{ hello: true }, { batch: 1 }]);
  });

  it('a refused acknowledgement (window closing, handler gone) is not an unhandled rejection', async () => {
    const { ipc, deliver } = fakeIpcRenderer();
    const refused: unknown[] = [];
    ipc.invoke = (_channel, request) => {
      refused.push(request);
      return Promise.reject(new Error('No handler registered for window:ack'));
    };
    exposeFeedTrayApi({ exposeInMainWorld: () => undefined }, ipc);
    deliver('push:batchEnd', { batch: 1, skipped: [] });
    await settle();
    // vitest fails a run on an unhandled rejection; both refusals were handled.
    expect(refused).toEqual([{ hello: true }, { batch: 1 }]);
  });
});
