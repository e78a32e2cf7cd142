import type { FeedTrayCore } from '../core/index.ts';
import { INVOKE_CHANNELS, type IpcResult } from '../../shared/ipc.ts';
import type { IpcMainApi } from './deps.ts';
import type { MainWindow } from './main-window.ts';
import { checkSender } from './sender-check.ts';

/**
 * Connects the core to the window: one `ipcMain.handle` per contract channel (sender checked, then
 * `core.handle` validates the payload against the shared zod schema), and pushes to the window.
 * Returns the function that removes all of it.
 */
export function connectIpc(ipcMain: IpcMainApi, core: FeedTrayCore, window: MainWindow): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, request): Promise<IpcResult<unknown>> => {
      const verdict = checkSender(event, window.webContents, window.source);
      if (!verdict.trusted) {
        console.warn(`ipc ${channel}: refused a request (${verdict.why})`);
        return {
          ok: false,
          error: { code: 'forbidden-sender', message: `FeedTray refused this request: ${verdict.why}.` },
        };
      }
      return core.handle(channel, request);
    });
  }
  // The core batches events and statuses (≤ 50 event messages and ≤ 4 state messages a second), so each push is sent as it comes.
  const unsubscribe = core.onPush((channel, payload) => {
    const contents = window.webContents;
    if (contents && !contents.isDestroyed()) contents.send(channel, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
