import type { InvokeEventApi, WebContentsApi } from './deps.ts';
import { isRendererUrl, type RendererSource } from './paths.ts';

/** Why a sender was refused, or null when it is the app's own page. */
export type SenderVerdict = { trusted: true } | { trusted: false; why: string };

/**
 * Only the main window's top frame, showing the app's own page, may call the IPC API. A subframe, a
 * sign-in window, or the main window after navigating elsewhere (if a guard ever failed) is refused.
 */
export function checkSender(
  event: InvokeEventApi,
  mainContents: WebContentsApi | null,
  source: RendererSource,
): SenderVerdict {
  if (!mainContents || event.sender !== mainContents)
    return { trusted: false, why: 'not the FeedTray window' };
  const frame = event.senderFrame;
  if (!frame) return { trusted: false, why: 'the sending frame is gone' };
  const top = mainContents.mainFrame;
  if (frame.parent !== null || frame.processId !== top.processId || frame.routingId !== top.routingId) {
    return { trusted: false, why: 'not the window’s top frame' };
  }
  if (!isRendererUrl(source, frame.url)) return { trusted: false, why: 'not the FeedTray page' };
  return { trusted: true };
}
