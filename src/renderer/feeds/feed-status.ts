/** A feed's connection status in the words and colours the feed list shows. Pure. */
import type { FeedStatus } from '../../shared/feed.ts';
import type { MessageKey } from '../i18n/index.ts';

/** The colour family of a status: green, amber, red, grey. */
export type StatusTone = 'ok' | 'pending' | 'error' | 'off';

/** What the list shows for one feed. */
export interface StatusView {
  tone: StatusTone;
  label: MessageKey;
  /** Main's sentence for why the feed is in this state, or null when "open" says it all. */
  reason: string | null;
  /** Whole seconds until the next attempt, when one is scheduled. */
  retryInS: number | null;
  warning: string | null;
}

/** Describes a feed's status at `nowMs`; a feed with no status yet is "connecting" (or "disabled"). */
export function describeStatus(enabled: boolean, status: FeedStatus | undefined, nowMs: number): StatusView {
  if (!enabled) return { tone: 'off', label: 'status.disabled', reason: null, retryInS: null, warning: null };
  if (!status)
    return { tone: 'pending', label: 'status.connecting', reason: null, retryInS: null, warning: null };
  const retryInS =
    status.nextRetryAt === null ? null : Math.max(0, Math.ceil((status.nextRetryAt - nowMs) / 1000));
  const warning = status.warning?.message ?? null;
  if (status.state === 'open')
    return { tone: 'ok', label: 'status.open', reason: null, retryInS: null, warning };
  const reason = status.reason.message || null;
  if (status.state === 'connecting') {
    // Between failed attempts the connection is "connecting" too; after a failure that is a problem to show.
    const failing = status.attempt > 0 && status.reason.code !== 'starting';
    return failing
      ? { tone: 'error', label: 'status.retrying', reason, retryInS, warning }
      : { tone: 'pending', label: 'status.connecting', reason, retryInS, warning };
  }
  switch (status.reason.code) {
    case 'paused':
      return { tone: 'off', label: 'status.paused', reason, retryInS, warning };
    case 'offline':
      return { tone: 'off', label: 'status.offline', reason, retryInS, warning };
    case 'disabled':
    case 'stopped':
      return { tone: 'off', label: 'status.closed', reason, retryInS, warning };
    case 'needs-auth':
      return { tone: 'pending', label: 'status.needsAuth', reason, retryInS, warning };
    case 'invalid-header':
      return { tone: 'error', label: 'status.invalidHeader', reason, retryInS, warning };
    case 'stopped-by-server':
      return { tone: 'off', label: 'status.stoppedByServer', reason, retryInS, warning };
    default:
      return { tone: 'error', label: 'status.closed', reason, retryInS, warning };
  }
}
