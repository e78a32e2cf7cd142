/**
 * Banners above the tabs for things the user should know about the app itself: problems found at
 * start (a corrupt settings file kept aside, a secret that could not be read) and weak secret storage.
 */
import { h, replaceChildren } from '../dom.ts';
import type { AppStore } from '../store/app-store.ts';

/** The banner region; re-renders on every app state push, remembering what was dismissed. */
export class Banners {
  readonly element = h('section', { class: 'banners', ariaLabel: 'banners.region' });
  readonly #dismissed = new Set<string>();
  readonly #store: AppStore;
  #shown = '';

  constructor(store: AppStore) {
    this.#store = store;
    // Labels are localized elements, so a language switch needs no re-render here.
    store.on('state', () => this.#render());
  }

  #render(force = false): void {
    const state = this.#store.state;
    if (!state) return;
    // State is pushed on every unread change; rebuilding unchanged banners would steal focus from them.
    const shown = JSON.stringify([state.problems, state.secretStorage]);
    if (shown === this.#shown && !force) return;
    this.#shown = shown;
    const banners: (HTMLElement | null)[] = [];
    const storage = state.secretStorage;
    if (!storage.available) {
      banners.push(
        this.#banner('secret-unavailable', 'warning', [
          h('p', { t: ['banners.secretsUnavailable', { backend: storage.backend }] }),
        ]),
      );
    } else if (storage.weak) {
      banners.push(
        this.#banner('secret-weak', 'warning', [
          h('p', { t: ['banners.secretsWeak', { backend: storage.backend }] }),
        ]),
      );
    }
    state.problems.forEach((problem) => {
      // Main's sentence is shown as it is: it names the file it kept aside, which no catalog can know.
      const detail = 'keptAs' in problem ? problem.keptAs : null;
      banners.push(
        this.#banner(`problem:${problem.code}:${problem.message}`, 'error', [
          h('p', { class: 'banner-title', t: 'banners.problemTitle' }),
          h('p', { text: problem.message }),
          detail ? h('p', { class: 'muted', t: ['banners.keptAs', { path: detail }] }) : null,
        ]),
      );
    });
    replaceChildren(this.element, banners);
    this.element.hidden = this.element.childElementCount === 0;
  }

  #banner(key: string, tone: 'warning' | 'error', body: (HTMLElement | null)[]): HTMLElement | null {
    if (this.#dismissed.has(key)) return null;
    return h(
      'div',
      { class: `banner banner-${tone}`, attrs: { role: tone === 'error' ? 'alert' : 'status' } },
      [
        h('div', { class: 'banner-body' }, body),
        h('button', {
          class: 'button button-quiet',
          t: 'common.dismiss',
          attrs: { type: 'button' },
          on: {
            click: () => {
              this.#dismissed.add(key);
              this.#render(true);
            },
          },
        }),
      ],
    );
  }
}
