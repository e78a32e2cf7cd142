import type { FeedConfig } from '../../shared/feed.ts';
import type { IpcError } from '../../shared/ipc.ts';
import type { SettingsResult } from '../../shared/settings.ts';

/** A feed update that keeps every saved secret as it is. */
export function keepSecrets(feed: FeedConfig) {
  return {
    ...feed,
    headers: feed.headers.map((header) =>
      header.secret
        ? { name: header.name, secret: true as const, value: '' as const, keep: true as const }
        : header,
    ),
  };
}

/** Maps a settings refusal onto the IPC error vocabulary, keeping its sentence. */
export function settingsError(result: Extract<SettingsResult<unknown>, { ok: false }>): {
  ok: false;
  error: IpcError;
} {
  const code = result.error.code;
  const mapped: IpcError['code'] =
    code === 'unknown-feed'
      ? 'not-found'
      : code === 'invalid-move' || code === 'invalid-preferences'
        ? 'invalid-request'
        : code === 'encryption-failed'
          ? 'internal'
          : code === 'settings-locked'
            ? 'not-allowed'
            : code;
  return { ok: false, error: { code: mapped, message: result.error.message } };
}
