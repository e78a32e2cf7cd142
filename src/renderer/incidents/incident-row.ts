/**
 * One incident in the list: a button (pressed while its timeline shows) with its status, severity chip,
 * feed, headline, first and last seen and its number of events. All of it built as text nodes.
 */
import type { IncidentView } from '../../shared/incidents.ts';
import { h } from '../dom.ts';
import { severityChip } from '../components/severity-chip.ts';
import { formatCount, formatDateTime, formatTime } from '../format.ts';

/** What a row needs from the view. */
export interface IncidentRowContext {
  feedName(feedId: string): string;
  selected: boolean;
  select(): void;
}

/** A time as a `<time>` element. */
export function timeElement(epochMs: number): HTMLElement {
  return h('time', {
    text: formatDateTime(epochMs),
    attrs: { datetime: new Date(epochMs).toISOString() },
  });
}

/** The list item for one incident. */
export function incidentRow(incident: IncidentView, ctx: IncidentRowContext): HTMLElement {
  const resolved = incident.status === 'resolved';
  return h('li', { class: 'incident-item' }, [
    h(
      'button',
      {
        class: 'incident-button',
        attrs: {
          type: 'button',
          'aria-pressed': ctx.selected,
          'data-incident': incident.id,
          'data-status': incident.status,
        },
        on: { click: () => ctx.select() },
      },
      [
        h('div', { class: 'incident-meta' }, [
          h('span', {
            class: 'incident-status',
            t: resolved ? 'incidents.resolved' : 'incidents.open',
            attrs: { 'data-status': incident.status },
          }),
          severityChip(incident.severity),
          incident.actedAt === undefined
            ? null
            : h('span', {
                class: 'incident-acted',
                t: ['incidents.acted', { label: incident.actedBy ?? '', time: formatTime(incident.actedAt) }],
              }),
          h('span', { class: 'event-feed', text: ctx.feedName(incident.feedId) }),
          h('span', {
            class: 'incident-count',
            t:
              incident.count === 1
                ? 'incidents.countOne'
                : ['incidents.count', { n: formatCount(incident.count) }],
          }),
        ]),
        h('p', { class: 'incident-title', text: incident.title || incident.key }),
        h('p', { class: 'incident-times muted' }, [
          h('span', { t: 'incidents.firstSeen' }),
          ' ',
          timeElement(incident.firstAt),
          ' · ',
          h('span', { t: 'incidents.lastSeen' }),
          ' ',
          timeElement(incident.lastAt),
        ]),
      ],
    ),
  ]);
}
