/**
 * One feed in the list: name, address, live status (state, reason, retry countdown, events, last event)
 * and its actions. Built once per feed and updated in place, so focus survives status pushes.
 */
import type { FeedStatus } from '../../shared/feed.ts';
import type { RedactedFeed } from '../../shared/settings.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatUntil, isQuietAt, QUIET_CHOICES, type QuietChoice } from '../../shared/presentation/snooze.ts';
import { currentLanguage, localize, type Msg } from '../i18n/index.ts';
import { formatAgo, formatCount } from '../format.ts';
import { describeStatus } from './feed-status.ts';

/** What a row asks its list to do. */
export interface FeedRowActions {
  setEnabled(feed: RedactedFeed, enabled: boolean): void;
  edit(feed: RedactedFeed): void;
  move(feed: RedactedFeed, by: -1 | 1): void;
  remove(feed: RedactedFeed): void;
  retry(feed: RedactedFeed): void;
  signIn(feed: RedactedFeed): void;
  snooze(feed: RedactedFeed, choice: QuietChoice | 'resume'): void;
  /** A `feedtray://add` link for the feed (address, name, preset; never secrets). */
  copyLink(feed: RedactedFeed): void;
  /** The server moved the feed for good: save its new address. */
  updateUrl(feed: RedactedFeed, url: string): void;
}

/** A row of the feed list. */
export class FeedRow {
  readonly element: HTMLLIElement;
  readonly up: HTMLButtonElement;
  readonly down: HTMLButtonElement;
  #feed: RedactedFeed;
  readonly #name = h('h3', { class: 'feed-name' });
  readonly #url = h('p', { class: 'feed-url' });
  readonly #pill = h('span', { class: 'pill' });
  readonly #reason = h('p', { class: 'feed-reason' });
  readonly #warning = h('p', { class: 'feed-warning' });
  readonly #counts = h('p', { class: 'feed-counts' });
  readonly #enabled: HTMLInputElement;
  readonly #actions = h('div', { class: 'feed-actions' });
  readonly #standardActions: HTMLElement[];
  readonly #retry: HTMLButtonElement;
  readonly #signIn: HTMLButtonElement;
  readonly #edit: HTMLButtonElement;
  readonly #remove: HTMLButtonElement;
  readonly #snooze: HTMLSelectElement;
  readonly #snoozed = h('p', { class: 'feed-snoozed' });
  readonly #moved = h('p', { class: 'feed-moved' });
  readonly #movedText = h('span');
  #movedTo: string | null = null;

  constructor(feed: RedactedFeed, actions: FeedRowActions) {
    this.#feed = feed;
    const button = (label: Msg, onClick: () => void, cls = 'button'): HTMLButtonElement =>
      h('button', { class: cls, t: label, attrs: { type: 'button' }, on: { click: onClick } });
    this.#enabled = h('input', {
      class: 'switch',
      attrs: { type: 'checkbox' },
      on: { change: () => actions.setEnabled(this.#feed, this.#enabled.checked) },
    });
    this.up = h('button', {
      class: 'icon-button',
      text: '↑',
      attrs: { type: 'button' },
      on: { click: () => actions.move(this.#feed, -1) },
    });
    this.down = h('button', {
      class: 'icon-button',
      text: '↓',
      attrs: { type: 'button' },
      on: { click: () => actions.move(this.#feed, 1) },
    });
    this.#retry = button('feeds.retryNow', () => actions.retry(this.#feed), 'button button-small');
    this.#signIn = button('feeds.signIn', () => actions.signIn(this.#feed), 'button button-small');
    this.#edit = button('common.edit', () => actions.edit(this.#feed));
    this.#remove = button('common.remove', () => this.#confirmRemove(actions), 'button button-danger-quiet');
    this.#snooze = snoozeSelect((choice) => actions.snooze(this.#feed, choice));
    this.#snoozed.append(
      h('span', { class: 'feed-snoozed-text' }),
      button('feeds.resume', () => actions.snooze(this.#feed, 'resume'), 'button button-small'),
    );
    this.#moved.append(
      this.#movedText,
      button(
        'feeds.updateAddress',
        () => this.#movedTo && actions.updateUrl(this.#feed, this.#movedTo),
        'button button-small',
      ),
    );
    this.#standardActions = [
      h('label', { class: 'switch-label' }, [this.#enabled, h('span', { t: 'feeds.enabled' })]),
      this.#snooze,
      this.#edit,
      button('feeds.copyLink', () => actions.copyLink(this.#feed), 'button button-small'),
      h('span', { class: 'move-buttons', attrs: { role: 'group' } }, [this.up, this.down]),
      this.#remove,
    ];
    replaceChildren(this.#actions, this.#standardActions);
    this.element = h('li', { class: 'feed-row' }, [
      h('span', { class: 'status-dot', attrs: { 'aria-hidden': 'true' } }),
      h('div', { class: 'feed-main' }, [
        h('div', { class: 'feed-heading' }, [this.#name, this.#pill]),
        this.#url,
        h('div', { class: 'feed-status-line' }, [this.#reason, this.#retry, this.#signIn]),
        this.#warning,
        this.#moved,
        this.#snoozed,
      ]),
      h('div', { class: 'feed-side' }, [this.#counts, this.#actions]),
    ]);
    this.element.dataset.feedId = feed.id;
    this.update(feed, undefined, Date.now(), 0, 1);
  }

  /** Shows the feed's current settings, status and place in the list. */
  update(
    feed: RedactedFeed,
    status: FeedStatus | undefined,
    nowMs: number,
    index: number,
    count: number,
  ): void {
    this.#feed = feed;
    this.#name.textContent = feed.name;
    this.#url.textContent = feed.url;
    this.#url.title = feed.url;
    this.#enabled.checked = feed.enabled;
    localize(this.#enabled, ['feeds.enableFeed', { name: feed.name }], 'aria-label');
    // Every row has the same buttons; their accessible names say which feed they act on.
    localize(this.#edit, ['feeds.editFeed', { name: feed.name }], 'aria-label');
    localize(this.#remove, ['feeds.removeFeed', { name: feed.name }], 'aria-label');
    localize(this.up, ['feeds.moveUp', { name: feed.name }], 'aria-label');
    localize(this.down, ['feeds.moveDown', { name: feed.name }], 'aria-label');
    this.up.disabled = index === 0;
    this.down.disabled = index === count - 1;

    const view = describeStatus(feed.enabled, status, nowMs);
    this.element.dataset.tone = view.tone;
    this.element.dataset.state = status?.state ?? 'none';
    localize(this.#pill, view.label);
    this.#pill.className = `pill pill-${view.tone}`;

    this.#reason.replaceChildren();
    if (view.reason) this.#reason.append(h('span', { text: view.reason }));
    if (view.retryInS !== null) {
      this.#reason.append(h('span', { class: 'countdown', t: ['feeds.retryIn', { s: view.retryInS }] }));
    }
    this.#reason.hidden = !this.#reason.hasChildNodes();
    const waitsForNetwork = status?.reason.code === 'paused' || status?.reason.code === 'offline';
    this.#retry.hidden = !feed.enabled || !status || status.state === 'open' || waitsForNetwork;
    this.#signIn.hidden = status?.reason.code !== 'needs-auth' || !feed.withCredentials;
    this.#movedTo = status?.movedTo ?? null;
    this.#warning.hidden = view.warning === null || this.#movedTo !== null;
    this.#warning.textContent = view.warning ?? '';
    this.#moved.hidden = this.#movedTo === null;
    if (this.#movedTo) localize(this.#movedText, ['feeds.movedTo', { url: this.#movedTo }]);
    this.#showSnooze(feed, nowMs);

    const received = status?.eventsReceived ?? 0;
    const last = status?.lastEventAt ?? null;
    replaceChildren(this.#counts, [
      h('span', { t: ['feeds.eventsReceived', { n: formatCount(received) }] }),
      last === null
        ? h('span', { class: 'muted', t: 'feeds.noEventsYet' })
        : h('span', { class: 'muted', t: ['feeds.lastEvent', { ago: formatAgo(last, nowMs) }] }),
    ]);
  }

  /** "Notifications snoozed until 14:30 · Resume", or the Snooze menu when not snoozed. */
  #showSnooze(feed: RedactedFeed, nowMs: number): void {
    const snoozed = isQuietAt(feed.snoozedUntil, nowMs);
    this.#snoozed.hidden = !snoozed;
    this.#snooze.hidden = snoozed;
    localize(this.#snooze, ['feeds.snoozeFeed', { name: feed.name }], 'aria-label');
    if (!snoozed) return;
    const until = formatUntil(feed.snoozedUntil!, nowMs, currentLanguage());
    localize(
      this.#snoozed.firstElementChild!,
      until ? ['feeds.snoozedUntil', { time: until }] : 'feeds.snoozedManual',
    );
  }

  #confirmRemove(actions: FeedRowActions): void {
    const cancel = h('button', {
      class: 'button',
      t: 'common.cancel',
      attrs: { type: 'button' },
      on: {
        click: () => {
          replaceChildren(this.#actions, this.#standardActions);
          this.#remove.focus();
        },
      },
    });
    replaceChildren(this.#actions, [
      h('span', { class: 'confirm-text', t: ['feeds.confirmRemove', { name: this.#feed.name }] }),
      h('button', {
        class: 'button button-danger',
        t: 'common.remove',
        attrs: { type: 'button' },
        on: { click: () => actions.remove(this.#feed) },
      }),
      cancel,
    ]);
    cancel.focus();
  }
}

/** "Snooze…" with its choices; picking one snoozes and the menu goes back to its label. */
function snoozeSelect(onPick: (choice: QuietChoice) => void): HTMLSelectElement {
  const select = h('select', { class: 'snooze-select' }, [
    h('option', { t: 'feeds.snooze', attrs: { value: '' } }),
    ...QUIET_CHOICES.map((choice) => h('option', { t: `quiet.${choice}`, attrs: { value: choice } })),
  ]);
  select.addEventListener('change', () => {
    const choice = QUIET_CHOICES.find((item) => item === select.value);
    select.value = '';
    if (choice) onPick(choice);
  });
  return select;
}
