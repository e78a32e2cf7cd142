/** One row of the live list: time, feed, type, title, body, value and an "Open" link button. */
import type { FeedEvent } from '../../shared/feed.ts';
import { DEFAULT_SEVERITY } from '../../shared/presentation/severity.ts';
import { h } from '../dom.ts';
import { severityLabel } from '../history/decisions.ts';
import { localize } from '../i18n/index.ts';
import { formatTime, formatValue } from '../format.ts';

/** Must match `--row-height` in live.css. */
export const EVENT_ROW_HEIGHT_PX = 56;

/** What a row does when clicked. */
export interface EventRowActions {
  select(event: FeedEvent): void;
  open(event: FeedEvent): void;
  feedName(feedId: string): string;
}

const rowEvents = new WeakMap<HTMLElement, FeedEvent>();

/** Builds an empty row; its buttons act on whatever event it shows at the time of the click. */
export function createEventRow(actions: EventRowActions): HTMLElement {
  const row = h('div', { class: 'event-row' });
  const current = (): FeedEvent | undefined => rowEvents.get(row);
  row.append(
    h('span', { class: 'event-time' }),
    h('div', { class: 'event-text' }, [
      h('div', { class: 'event-line' }, [
        h('span', { class: 'event-feed' }),
        h('span', { class: 'event-type' }),
        // Min, low, high and urgent are marked; the default level, the most common, is left plain.
        h('span', { class: 'severity-chip event-severity', attrs: { hidden: true } }),
        h('button', {
          class: 'event-title',
          attrs: { type: 'button' },
          on: { click: () => void (current() && actions.select(current()!)) },
        }),
      ]),
      h('div', { class: 'event-body' }),
    ]),
    h('span', { class: 'event-value' }),
    h('button', {
      class: 'button button-small event-open',
      t: 'live.open',
      attrs: { type: 'button' },
      on: { click: () => void (current() && actions.open(current()!)) },
    }),
  );
  row.addEventListener('click', (event) => {
    if (!(event.target instanceof HTMLButtonElement) && current()) actions.select(current()!);
  });
  return row;
}

/** Shows `event` in a row built by `createEventRow`. */
export function fillEventRow(
  row: HTMLElement,
  event: FeedEvent,
  actions: EventRowActions,
  selectedKey: string | null,
): void {
  rowEvents.set(row, event);
  row.dataset.key = event.key;
  const selected = event.key === selectedKey;
  if (row.classList.contains('selected') !== selected) row.classList.toggle('selected', selected);
  const [time, text, value, open] = row.children as unknown as [
    HTMLElement,
    HTMLElement,
    HTMLElement,
    HTMLButtonElement,
  ];
  const [line, body] = text.children as unknown as [HTMLElement, HTMLElement];
  const [feed, type, severity, title] = line.children as unknown as [
    HTMLElement,
    HTMLElement,
    HTMLElement,
    HTMLElement,
  ];
  // Only what differs from the row's previous event is written: each write is layout work, and in a
  // busy feed the time, feed name and type repeat from row to row.
  setText(time, formatTime(event.receivedAt));
  setText(feed, actions.feedName(event.feedId));
  setText(type, event.type);
  setHidden(type, event.type === 'message');
  setSeverity(severity, event.severity);
  setText(title, event.title);
  setText(body, event.body);
  setText(value, event.value === null ? '' : formatValue(event.value));
  setHidden(open, event.link === null);
}

function setSeverity(chip: HTMLElement, level: number): void {
  const shown = level === DEFAULT_SEVERITY ? '' : String(level);
  if (chip.dataset.severity === shown) return;
  chip.dataset.severity = shown;
  setHidden(chip, shown === '');
  const label = severityLabel(level);
  if (label) localize(chip, label);
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function setHidden(element: HTMLElement, hidden: boolean): void {
  if (element.hidden !== hidden) element.hidden = hidden;
}
