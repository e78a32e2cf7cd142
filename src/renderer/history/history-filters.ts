/**
 * The History tab's controls: one search box (FTS5 syntax, with a line under it saying how the text
 * was searched), and filters for feeds, event types, severity, decision and time range. It reports
 * changes; the view decides when to search.
 */
import { unreadOf } from '../../shared/ipc.ts';
import type { RedactedFeed } from '../../shared/settings.ts';
import { h, replaceChildren } from '../dom.ts';
import { localize, t, type MessageKey } from '../i18n/index.ts';
import { formatCount } from '../format.ts';
import { CheckMenu } from '../components/check-menu.ts';
import { severityChip } from '../components/severity-chip.ts';
import { DECISION_CODES, decisionLabel, SEVERITY_LEVELS } from './decisions.ts';
import type { HistoryFilters } from './history-request.ts';
import { parseLocalDateTime, TIME_RANGES, type TimeRangeId, type TimeRangeProblem } from './time-range.ts';

const RANGE_LABELS: Record<TimeRangeId, MessageKey> = {
  hour: 'history.rangeHour',
  day: 'history.rangeDay',
  week: 'history.rangeWeek',
  month: 'history.rangeMonth',
  all: 'history.rangeAll',
  custom: 'history.rangeCustom',
};

/** The filter form; `onChange(typing)` runs on every change, `typing` true for keystrokes. */
export class HistoryFiltersForm {
  readonly element: HTMLFormElement;
  readonly #text = h('input', {
    attrs: { type: 'search', id: 'history-text', spellcheck: 'false', autocomplete: 'off', maxlength: 200 },
    placeholder: 'history.searchPlaceholder',
  });
  readonly #textNote = h('p', { class: 'field-hint history-text-note', attrs: { id: 'history-text-note' } });
  readonly #feeds: CheckMenu;
  readonly #type = h('input', {
    attrs: { type: 'text', id: 'history-type', spellcheck: 'false', autocomplete: 'off' },
    placeholder: 'history.typePlaceholder',
  });
  readonly #severities = new Map<number, HTMLButtonElement>();
  readonly #decisions: CheckMenu;
  readonly #range = h('select', { attrs: { id: 'history-range' } });
  readonly #from = h('input', { attrs: { type: 'datetime-local', id: 'history-from' } });
  readonly #to = h('input', { attrs: { type: 'datetime-local', id: 'history-to' } });
  readonly #custom = h('div', { class: 'history-custom-range', attrs: { hidden: true } });
  readonly #rangeError = h('p', { class: 'field-error', attrs: { role: 'alert', hidden: true } });

  constructor(onChange: (typing: boolean) => void) {
    const changed = (): void => onChange(false);
    this.#feeds = new CheckMenu('history-feeds', 'history.feedsLabel', feedSummary, changed);
    this.#decisions = new CheckMenu('history-decisions', 'history.decisionLabel', decisionSummary, changed);
    this.#decisions.setChoices(DECISION_CODES.map((code) => ({ value: code, label: decisionLabel(code) })));
    replaceChildren(
      this.#range,
      TIME_RANGES.map((range) => h('option', { t: RANGE_LABELS[range], attrs: { value: range } })),
    );
    this.#range.value = 'all';
    this.#text.setAttribute('aria-describedby', this.#textNote.id);
    this.setTextMode(null);

    const severityGroup = h('div', { class: 'severity-filter', attrs: { role: 'group' } });
    localize(severityGroup, 'history.severityLabel', 'aria-label');
    for (const level of SEVERITY_LEVELS) {
      const button = h('button', {
        class: 'severity-toggle',
        attrs: { type: 'button', 'aria-pressed': 'false', 'data-severity': level },
        on: {
          click: () => {
            button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true'));
            changed();
          },
        },
      });
      button.append(severityChip(level)!);
      this.#severities.set(level, button);
      severityGroup.append(button);
    }

    this.#text.addEventListener('input', () => onChange(true));
    this.#type.addEventListener('input', () => onChange(true));
    this.#range.addEventListener('change', () => {
      this.#custom.hidden = this.#range.value !== 'custom';
      changed();
    });
    for (const input of [this.#from, this.#to]) input.addEventListener('change', changed);
    replaceChildren(this.#custom, [
      field('history.from', this.#from),
      field('history.to', this.#to),
      this.#rangeError,
    ]);

    this.element = h('form', { class: 'history-form', attrs: { role: 'search' } }, [
      h('div', { class: 'history-search-row' }, [
        h('div', { class: 'field grow' }, [
          h('label', { t: 'history.search', attrs: { for: 'history-text' } }),
          this.#text,
          this.#textNote,
        ]),
        h('button', { class: 'button button-primary', t: 'history.searchButton', attrs: { type: 'submit' } }),
      ]),
      h('div', { class: 'history-filter-row' }, [
        h('div', { class: 'field' }, [
          h('span', { class: 'field-label', t: 'history.feed' }),
          this.#feeds.element,
        ]),
        field('history.type', this.#type),
        h('div', { class: 'field' }, [
          h('span', { class: 'field-label', t: 'history.severity' }),
          severityGroup,
        ]),
        h('div', { class: 'field' }, [
          h('span', { class: 'field-label', t: 'history.decision' }),
          this.#decisions.element,
        ]),
        field('history.range', this.#range),
        h('button', {
          class: 'button button-small history-clear',
          t: 'history.clearFilters',
          attrs: { type: 'button' },
          on: { click: () => this.#clear(onChange) },
        }),
      ]),
      this.#custom,
    ]);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      changed();
    });
  }

  /** What the controls say now. */
  filters(): HistoryFilters {
    return {
      text: this.#text.value,
      feedIds: this.#feeds.values,
      types: this.#type.value,
      severities: [...this.#severities]
        .filter(([, button]) => button.getAttribute('aria-pressed') === 'true')
        .map(([level]) => level),
      decisions: this.#decisions.values,
      range: this.#range.value as TimeRangeId,
      customFromMs: parseLocalDateTime(this.#from.value),
      customToMs: parseLocalDateTime(this.#to.value),
    };
  }

  /** The feeds to offer, each with its unread count. */
  setFeeds(feeds: readonly RedactedFeed[], unread: Readonly<Record<string, number>>): void {
    this.#feeds.setChoices(
      feeds.map((feed) => {
        const count = unreadOf({ unread }, feed.id);
        return {
          value: feed.id,
          label: {
            text: count > 0 ? t('history.feedUnread', { name: feed.name, n: formatCount(count) }) : feed.name,
          },
        };
      }),
    );
  }

  /** Says under the box how the text was searched: syntax tips, or that it fell back to plain words. */
  setTextMode(mode: 'fts' | 'plain' | null): void {
    this.#textNote.dataset.mode = mode ?? 'none';
    localize(this.#textNote, mode === 'plain' ? 'history.plainMode' : 'history.syntaxHint');
  }

  /** Shows (or hides) why the from–to range cannot be searched. */
  showRangeProblem(problem: TimeRangeProblem | null): void {
    this.#rangeError.hidden = problem === null;
    if (problem !== null) localize(this.#rangeError, problem);
  }

  #clear(onChange: (typing: boolean) => void): void {
    this.#feeds.clear();
    this.#decisions.clear();
    this.#type.value = '';
    for (const button of this.#severities.values()) button.setAttribute('aria-pressed', 'false');
    this.#range.value = 'all';
    this.#custom.hidden = true;
    this.#from.value = '';
    this.#to.value = '';
    onChange(false);
  }
}

function field(label: MessageKey, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  return h('div', { class: 'field' }, [h('label', { t: label, attrs: { for: control.id } }), control]);
}

function feedSummary(checked: readonly string[]) {
  return checked.length === 0
    ? ('history.allFeeds' as const)
    : (['history.feedsChosen', { n: checked.length }] as const);
}

function decisionSummary(checked: readonly string[]) {
  if (checked.length === 0) return 'history.anyDecision' as const;
  return checked.length === 1
    ? decisionLabel(checked[0]!)
    : (['history.decisionsChosen', { n: checked.length }] as const);
}
