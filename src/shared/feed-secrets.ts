/** A feed update's secrets: `keep` takes the saved value, and credentials in the address become a secret header. */
import type { FeedConfig, FeedHeader } from './feed.ts';
import { fail, type FeedUpdate, type SettingsResult } from './settings.ts';
import { splitUserinfo } from './url-credentials.ts';

/**
 * The FeedConfig an update describes, with secret values taken from `previous` where the update says
 * `keep`. Keeping a secret that has no saved value is an error, never a silently empty header.
 */
export function mergeSecretHeaders(
  previous: FeedConfig | undefined,
  update: FeedUpdate,
): SettingsResult<FeedConfig> {
  // Secrets never move between feeds, even if a caller pairs the wrong ones.
  const savedFrom = previous?.id === update.id ? previous.headers : [];
  // HTTP header names are case-insensitive; a repeated name keeps its saved values in order.
  const saved = new Map<string, string[]>();
  for (const header of savedFrom) {
    if (!header.secret || header.value === '') continue;
    const key = header.name.toLowerCase();
    saved.set(key, [...(saved.get(key) ?? []), header.value]);
  }
  const headers: FeedHeader[] = [];
  for (const header of update.headers) {
    if (header.keep !== true) {
      headers.push({ name: header.name, value: header.value, secret: header.secret });
      continue;
    }
    const value = saved.get(header.name.toLowerCase())?.shift();
    if (value === undefined) {
      return fail(
        'secret-missing',
        `The secret header "${header.name}" has no saved value to keep; enter its value again.`,
      );
    }
    headers.push({ name: header.name, value, secret: true });
  }
  return { ok: true, value: withoutUserinfo({ ...update, headers }) };
}

/**
 * A feed whose address carries `user:password@`: the credentials move into a secret `Authorization:
 * Basic …` header (an Authorization header the user gave wins) and the address is kept without them, so
 * no saved file, export, status or window ever shows the password.
 */
export function withoutUserinfo(feed: FeedConfig): FeedConfig {
  const split = splitUserinfo(feed.url);
  if (!split) return feed;
  const explicit = feed.headers.some((header) => header.name.toLowerCase() === 'authorization');
  const headers = explicit
    ? feed.headers
    : [...feed.headers, { name: 'Authorization', value: split.authorization, secret: true }];
  return { ...feed, url: split.url, headers };
}
