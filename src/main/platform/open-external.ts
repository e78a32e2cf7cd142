import { isHttpUrl } from '../../shared/presentation/link.ts';
import type { ElectronDeps } from './deps.ts';

/** Why a link was not opened. */
export interface OpenLinkError {
  code: 'not-allowed';
  message: string;
}

/**
 * Opens an http(s) link in the user's browser. Anything else (`file:`, `javascript:`, custom schemes that
 * launch programs) is refused: `shell.openExternal` would hand it to whatever the OS registered for it.
 */
export async function openExternalLink(
  shell: ElectronDeps['shell'],
  url: string,
): Promise<{ ok: true } | { ok: false; error: OpenLinkError }> {
  if (!isHttpUrl(url)) {
    return {
      ok: false,
      error: {
        code: 'not-allowed',
        message: `FeedTray only opens http and https links, not "${url.slice(0, 80)}".`,
      },
    };
  }
  await shell.openExternal(url);
  return { ok: true };
}
