/**
 * One search result: when, which feed, type, severity chip, the notification decision in words, the
 * title and an excerpt with the matches marked, and the link. All of it built as text nodes.
 */
import type { FeedEvent } from '../../shared/feed.ts';
import type { HistoryHit, TextSegment } from '../../shared/history.ts';
import { h } from '../dom.ts';
import { formatDateTime, formatValue } from '../format.ts';
import { highlighted } from '../components/highlighted-text.ts';
import { decisionChip, severityChip } from '../components/severity-chip.ts';
import { ruleNote } from '../components/rule-note.ts';

/** What a row needs from the view. */
export interface HistoryRowContext {
  feedName(feedId: string): string;
  openLink(url: string): void;
}

/** The list item for one event and its hit. */
export function historyRow(
  event: FeedEvent,
  hit: HistoryHit | undefined,
  ctx: HistoryRowContext,
): HTMLElement {
  const title = hit?.title ?? [{ text: event.title, match: false }];
  const snippet = excerpt(event, title, hit?.snippet);
  const decision = hit?.decision ?? null;
  return h(
    'li',
    {
      class: 'history-item',
      attrs: {
        'data-key': event.key,
        'data-severity': hit?.severity ?? null,
        'data-decision': decision,
      },
    },
    [
      h('div', { class: 'history-meta' }, [
        h('time', {
          text: formatDateTime(event.receivedAt),
          attrs: { datetime: new Date(event.receivedAt).toISOString() },
        }),
        h('span', { class: 'event-feed', text: ctx.feedName(event.feedId) }),
        event.type !== 'message' ? h('span', { class: 'event-type', text: event.type }) : null,
        severityChip(hit?.severity ?? null),
        decisionChip(decision),
        event.value === null ? null : h('span', { class: 'event-value', text: formatValue(event.value) }),
      ]),
      h('p', { class: 'history-title' }, highlighted(title)),
      ruleNote(event),
      snippet.length > 0 ? h('p', { class: 'history-body' }, highlighted(snippet)) : null,
      event.link
        ? h('button', {
            class: 'link-button',
            text: event.link,
            attrs: { type: 'button' },
            on: { click: () => ctx.openLink(event.link!) },
          })
        : null,
    ],
  );
}

/** Longest body shown when the excerpt is replaced by the body itself. */
const BODY_CHARS = 200;

/**
 * The excerpt to show. The store cuts it from the raw data when the body has no match; when the title
 * matched too, that is the title again inside JSON, so the plain body says more.
 */
function excerpt(
  event: FeedEvent,
  title: readonly TextSegment[],
  snippet: readonly TextSegment[] | undefined,
): readonly TextSegment[] {
  const body = (): TextSegment[] =>
    event.body === ''
      ? []
      : [
          {
            text: event.body.length > BODY_CHARS ? `${event.body.slice(0, BODY_CHARS - 1)}…` : event.body,
            match: false,
          },
        ];
  if (snippet === undefined) return body();
  const fromBody = snippet.every((segment) => event.body.includes(segment.text.replace(/^…|…$/g, '')));
  return title.some((segment) => segment.match) && !fromBody ? body() : snippet;
}
