import type { FeedCheckResult } from '../../shared/check.ts';
import type { FeedConfig, FeedHeader } from '../../shared/feed.ts';
import { mergeSecretHeaders } from '../../shared/feed-secrets.ts';
import { fail, type FeedUpdate, type SettingsResult } from '../../shared/settings.ts';
import { checkFeed } from '../feeds/check.ts';
import { SSE_RESUME } from '../feeds/resume.ts';
import type { FetchFn } from '../ports.ts';
import type { FeedTestInput } from './operations.ts';

/** The editor's Test: one check of the draft, with saved secrets only for the saved feed's own origin. */
export async function testFeed(
  saved: FeedConfig | undefined,
  input: FeedTestInput,
  fetch: FetchFn,
): Promise<SettingsResult<FeedCheckResult>> {
  const headers = mergeTestHeaders(saved, input);
  if (!headers.ok) return headers;
  const result = await checkFeed({
    url: input.url,
    fetch,
    headers: headers.value,
    eventTypes: input.eventTypes,
    knobs: {
      idPointer: input.idPointer ?? null,
      resume: input.resume ?? SSE_RESUME,
      heartbeatTypes: input.heartbeatTypes ?? [],
    },
    diagnoseResume: input.diagnoseResume ?? false,
    ...(input.listenMs === undefined ? {} : { listenMs: input.listenMs }),
  });
  return { ok: true, value: result };
}

/**
 * The headers of a feed test: the draft's, with `keep` secrets taken from the saved feed. A saved
 * secret only ever goes to the saved feed's own origin: a Test of another address must have the
 * secret entered again, or a draft could send the token anywhere.
 */
export function mergeTestHeaders(
  saved: FeedConfig | undefined,
  input: Pick<FeedTestInput, 'feedId' | 'url' | 'headers'>,
): SettingsResult<FeedHeader[]> {
  const keeps = input.headers.filter((header) => 'keep' in header && header.keep === true);
  if (keeps.length > 0 && saved !== undefined && originOf(saved.url) !== originOf(input.url)) {
    return fail(
      'secret-missing',
      `Saved secrets are sent only to ${originOf(saved.url)}. To test ${originOf(input.url)}, enter ` +
        `${keeps.map((header) => `"${header.name}"`).join(', ')} again.`,
    );
  }
  const merged = mergeSecretHeaders(saved, {
    id: input.feedId ?? saved?.id ?? 'test',
    headers: input.headers,
  } as FeedUpdate);
  return merged.ok ? { ok: true, value: merged.value.headers } : merged;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url; // validated as a URL before it gets here; a stray value simply never matches
  }
}
