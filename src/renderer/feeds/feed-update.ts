/** Turning the feed the window was given back into something `feeds:update` accepts. */
import type { RedactedFeed, FeedUpdateInput } from '../../shared/settings.ts';

/**
 * The update that saves `feed` unchanged apart from `changes`. Saved secrets are sent back as
 * `keep: true` (the window never has their values); an unset secret stays unset.
 */
export function feedToUpdate(feed: RedactedFeed, changes: Partial<FeedUpdateInput> = {}): FeedUpdateInput {
  return {
    ...feed,
    headers: feed.headers.map((header) =>
      header.secret
        ? header.isSet
          ? { name: header.name, secret: true as const, value: '' as const, keep: true as const }
          : { name: header.name, secret: true, value: '' }
        : { name: header.name, value: header.value, secret: false },
    ),
    ...changes,
  };
}
