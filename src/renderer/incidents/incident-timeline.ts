/**
 * The chosen incident's timeline: its key and span, then its events still in history, newest first,
 * each with its time, headline and the decision in words (notified, updated the notification, resolved).
 */
import type { FeedEvent } from '../../shared/feed.ts';
import type { IncidentTimelineView } from '../../shared/incidents.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { decisionChip, severityChip } from '../components/severity-chip.ts';
import { EventActions } from '../live/event-actions.ts';
import { timeElement } from './incident-row.ts';

/** Events a timeline shows at most (the newest). */
const TIMELINE_LIMIT = 200;

/** The timeline pane beside the list. */
export class IncidentTimeline {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #heading = h('h3', { class: 'incident-timeline-title' });
  readonly #key = h('p', { class: 'muted incident-key' });
  readonly #events = h('ol', { class: 'incident-events', ariaLabel: 'incidents.timelineLabel' });
  readonly #hint = h('p', { class: 'muted', t: 'incidents.choose' });
  /** The newest event's buttons ("Acknowledge"): on call, the incident is where one acts. */
  readonly #actions: EventActions;
  #loads = 0;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#actions = new EventActions(ctx);
    this.element = h('section', { class: 'incident-timeline', attrs: { 'aria-live': 'polite' } }, [
      this.#hint,
      this.#heading,
      this.#key,
      this.#actions.element,
      this.#events,
    ]);
    this.clear();
  }

  /** Shows nothing chosen. */
  clear(): void {
    this.#loads++;
    this.#hint.hidden = false;
    this.#heading.hidden = true;
    this.#key.hidden = true;
    this.#events.replaceChildren();
    this.#actions.showFor(null);
    delete this.element.dataset.incident;
  }

  /** Loads and shows one incident's timeline. */
  async show(id: number): Promise<void> {
    const load = ++this.#loads;
    const result = await this.#ctx.ipc.invoke('incidents:timeline', { id, limit: TIMELINE_LIMIT });
    if (load !== this.#loads) return;
    if (!result.ok) return this.#ctx.notices.error('incidents.timelineFailed', result.error);
    this.#render(result.value);
  }

  #render({ incident, events }: IncidentTimelineView): void {
    this.#hint.hidden = true;
    this.#heading.hidden = false;
    this.#key.hidden = false;
    this.#heading.textContent = incident.title || incident.key;
    this.#key.replaceChildren(
      h('span', {
        t: ['incidents.key', { key: incident.key, feed: this.#ctx.store.feedName(incident.feedId) }],
      }),
    );
    replaceChildren(this.#events, events.length === 0 ? [this.#gone()] : events.map(timelineItem));
    this.#actions.showFor(events[0] ?? null);
    this.element.dataset.incident = String(incident.id);
  }

  #gone(): HTMLElement {
    return h('li', { class: 'muted', t: 'incidents.noEvents' });
  }
}

function timelineItem(event: FeedEvent): HTMLElement {
  const decision = event.decision;
  return h('li', { class: 'incident-event', attrs: { 'data-key': event.key, 'data-decision': decision } }, [
    h('div', { class: 'incident-event-meta' }, [
      timeElement(event.receivedAt),
      severityChip(event.severity),
      decisionChip(decision),
    ]),
    h('p', { class: 'incident-event-title', text: event.message || event.title }),
  ]);
}
