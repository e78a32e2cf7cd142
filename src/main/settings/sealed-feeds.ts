import type { FeedConfig, FeedHeader } from '../../shared/feed.ts';
import {
  fail,
  type SettingsError,
  type SettingsProblem,
  type SettingsResult,
  type StoredFeed,
} from '../../shared/settings.ts';
import { describeCause, encryptionFailed, secretsUnavailable, type SecretBox } from './secret-box.ts';

/**
 * Secret values and the ciphertexts already on disk for them. Reusing a ciphertext keeps an unchanged
 * secret byte-identical across saves and spares the OS keychain a call per header per save.
 */
export type CipherCache = ReadonlyMap<string, string>;

/**
 * The cache key under which the ciphertext of a secret that could not be decrypted is kept. Writing it
 * back unchanged means a locked keyring at one start does not destroy the token for good: once the
 * keyring is unlocked again, the next start decrypts it. Entering a new value or removing the header
 * lets it go.
 */
function unreadableKey(feedId: string, headerName: string): string {
  return `\0unreadable\0${feedId}\0${headerName.toLowerCase()}`;
}

/** Stored feeds turned into FeedConfigs with clear secrets, and what could not be decrypted. */
export interface UnsealedFeeds {
  feeds: FeedConfig[];
  cipherCache: CipherCache;
  problems: SettingsProblem[];
}

/**
 * Decrypts every secret header. One that cannot be decrypted (another machine's key, a locked keyring)
 * keeps its name with an empty value, which the UI shows as "needs re-entry", and is reported.
 */
export function unsealFeeds(stored: readonly StoredFeed[], box: SecretBox): UnsealedFeeds {
  const cipherCache = new Map<string, string>();
  const problems: SettingsProblem[] = [];
  const feeds = stored.map((feed): FeedConfig => {
    const headers = feed.headers.map((header): FeedHeader => {
      if (!header.secret) return header;
      if ('needsReentry' in header) return { name: header.name, value: '', secret: true };
      const value = tryDecrypt(box, header.ciphertext);
      if (typeof value === 'string') {
        cipherCache.set(value, header.ciphertext);
        return { name: header.name, value, secret: true };
      }
      cipherCache.set(unreadableKey(feed.id, header.name), header.ciphertext);
      problems.push({
        code: 'secret-unreadable',
        feedId: feed.id,
        headerName: header.name,
        message:
          `The secret header "${header.name}" of feed "${feed.name}" could not be decrypted (${value.reason}), ` +
          'so the feed connects without it for now. It stays encrypted in your settings and is used again once ' +
          "secure storage can read it (for example after unlocking the keyring); or enter it again in the feed's settings.",
      });
      return { name: header.name, value: '', secret: true };
    });
    return { ...feed, headers };
  });
  return { feeds, cipherCache, problems };
}

function tryDecrypt(box: SecretBox, ciphertext: string): string | { reason: string } {
  if (!box.isAvailable()) return { reason: `secure storage is unavailable, backend ${box.backend}` };
  try {
    return box.decrypt(ciphertext);
  } catch (error) {
    return { reason: describeCause(error) };
  }
}

/**
 * The secret values in `feeds` that would need fresh encryption while the SecretBox is unavailable,
 * as a refusal; null when saving them is possible. Checked per change so one refused change does not
 * sink the others saved with it.
 */
export function unencryptableSecret(
  feeds: readonly FeedConfig[],
  box: SecretBox,
  cache: CipherCache,
): SettingsError | null {
  const needsEncryption = feeds.some((feed) =>
    feed.headers.some((header) => header.secret && header.value !== '' && !cache.has(header.value)),
  );
  return needsEncryption && !box.isAvailable() ? secretsUnavailable(box) : null;
}

/** Feeds as they are written: secret values encrypted, empty secrets marked as needing re-entry. */
export function sealFeeds(
  feeds: readonly FeedConfig[],
  box: SecretBox,
  cache: CipherCache,
): SettingsResult<{ stored: StoredFeed[]; cipherCache: CipherCache }> {
  const refusal = unencryptableSecret(feeds, box, cache);
  if (refusal) return { ok: false, error: refusal };
  // Only secrets still in use stay cached, so a removed token does not linger in memory.
  const nextCache = new Map<string, string>();
  try {
    const stored = feeds.map((feed): StoredFeed => ({
      ...feed,
      headers: feed.headers.map((header) => {
        if (!header.secret) return { name: header.name, value: header.value, secret: false };
        if (header.value === '') {
          const kept = cache.get(unreadableKey(feed.id, header.name));
          if (kept === undefined) return { name: header.name, secret: true, needsReentry: true };
          nextCache.set(unreadableKey(feed.id, header.name), kept);
          return { name: header.name, secret: true, ciphertext: kept };
        }
        const ciphertext = cache.get(header.value) ?? box.encrypt(header.value);
        nextCache.set(header.value, ciphertext);
        return { name: header.name, secret: true, ciphertext };
      }),
    }));
    return { ok: true, value: { stored, cipherCache: nextCache } };
  } catch (error) {
    const failed = encryptionFailed(box, error);
    return fail(failed.code, failed.message);
  }
}
