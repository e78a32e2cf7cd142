/**
 * What a saved change to a feed means for what the pipeline remembers about it: rules whose state no
 * longer fits, incidents no later event can reach.
 */
import type { FeedConfig } from '../../shared/feed.ts';
import { RULES_WARM_UP_EVENTS, type Pipeline } from '../pipeline/pipeline.ts';
import type { HistoryStore } from '../pipeline/history.ts';

/**
 * Follows one feed's change from `before` to `after`:
 * - other rules, or another mapping (what rules read): the rules' state is rebuilt from the feed's newest
 *   stored events, as if these rules had been saved before them (what the editor's preview showed);
 * - another incident key (or tracking off): the open incidents are resolved.
 */
export function followFeedChange(
  before: FeedConfig,
  after: FeedConfig,
  parts: { pipeline: Pipeline; history: Pick<HistoryStore, 'recentEvents'> },
  now: number,
): void {
  if (before.incident.key !== after.incident.key) parts.pipeline.incidents.resolveAll(after.id, now);
  const rulesChanged =
    JSON.stringify(before.rules) !== JSON.stringify(after.rules) ||
    JSON.stringify(before.mapping) !== JSON.stringify(after.mapping);
  if (!rulesChanged) return;
  void parts.history.recentEvents(after.id, RULES_WARM_UP_EVENTS).then(
    (events) => parts.pipeline.warmUp(after, events),
    // The store reports its own read failures to the user; the rules then start from the next event.
    () => parts.pipeline.warmUp(after, []),
  );
}
