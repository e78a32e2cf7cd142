/**
 * The selected event in full: its text, link, action buttons and raw data as a JSON tree. Choosing "use as …" in the
 * tree opens that feed's editor with the event as its sample and the field already filled.
 */
import { severityChip } from '../components/severity-chip.ts';
import { decisionLabel } from '../history/decisions.ts';
import type { FeedEvent } from '../../shared/feed.ts';
import type { AppContext } from '../app-context.ts';
import { jsonTree } from '../components/json-tree.ts';
import { ruleNote } from '../components/rule-note.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime, formatValue } from '../format.ts';
import { EventActions } from './event-actions.ts';

/** The detail pane beside the live list (and under a history result). */
export class EventDetail {
  readonly element = h('section', { class: 'event-detail', ariaLabel: 'live.detailLabel' });
  readonly #ctx: AppContext;
  readonly #actions: EventActions;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#actions = new EventActions(ctx);
    this.show(null);
  }

  /** Shows an event, or the hint when none is selected. */
  show(event: FeedEvent | null): void {
    if (!event) {
      this.#actions.showFor(null);
      replaceChildren(this.element, [h('p', { class: 'muted detail-empty', t: 'live.selectHint' })]);
      return;
    }
    const ctx = this.#ctx;
    const sample = { type: event.type, id: event.id, data: event.data };
    let doc: unknown;
    let isJson = true;
    try {
      doc = JSON.parse(event.data);
    } catch {
      isJson = false; // plain-text event: show it as it is
    }
    const feedKnown = ctx.store.feed(event.feedId) !== undefined;
    this.#actions.showFor(event);
    replaceChildren(this.element, [
      h('h3', { class: 'detail-title', text: event.title }),
      h('p', {
        class: 'muted detail-meta',
        text: [ctx.store.feedName(event.feedId), event.type, formatDateTime(event.receivedAt)].join(' · '),
      }),
      // Severity always, and why it did or did not notify (once the pipeline decided).
      h('p', { class: 'detail-decision' }, [
        severityChip(event.severity),
        event.decision ? h('span', { class: 'muted', t: decisionLabel(event.decision) }) : null,
      ]),
      ruleNote(event),
      event.body ? h('p', { class: 'detail-body', text: event.body }) : null,
      h('div', { class: 'detail-actions' }, [
        event.link
          ? h('button', {
              class: 'button button-small',
              t: 'live.openLink',
              attrs: { type: 'button' },
              on: { click: () => void openLink(ctx, event.link!) },
            })
          : null,
        event.value === null ? null : h('span', { class: 'detail-value', text: formatValue(event.value, 6) }),
        feedKnown
          ? h('button', {
              class: 'button button-small',
              t: 'live.mapFields',
              attrs: { type: 'button' },
              on: { click: () => ctx.edit({ feedId: event.feedId, sample }) },
            })
          : null,
      ]),
      this.#actions.element,
      h('h4', { t: 'live.rawData' }),
      isJson
        ? jsonTree(doc, (pointer, role) =>
            feedKnown ? ctx.edit({ feedId: event.feedId, sample, use: { pointer, role } }) : undefined,
          )
        : h('pre', { class: 'raw-data', text: event.data }),
    ]);
  }
}

/** Asks main to open a link in the system browser; the window itself never navigates. */
export async function openLink(ctx: AppContext, url: string): Promise<void> {
  const result = await ctx.ipc.invoke('app:openLink', { url });
  if (!result.ok) ctx.notices.error('live.openFailed', result.error);
}
