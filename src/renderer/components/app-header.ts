/** The header bar: app name, how many feeds are open, do-not-disturb and the "pause all" switch. */
import type { AppContext } from '../app-context.ts';
import { h } from '../dom.ts';
import { localize, onLanguageChange } from '../i18n/index.ts';

/** The header; updates itself from the store. */
export class AppHeader {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #summary = h('p', { class: 'app-summary' });
  readonly #dnd = h('span', { class: 'pill pill-off', t: 'header.dnd', attrs: { hidden: true } });
  readonly #pause = h('button', {
    class: 'button toggle',
    t: 'header.pause',
    attrs: { type: 'button', 'aria-pressed': 'false' },
  });

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#pause.addEventListener('click', () => void this.#togglePause());
    this.element = h('header', { class: 'app-header' }, [
      h('div', { class: 'brand' }, [
        h('span', { class: 'logo', attrs: { 'aria-hidden': 'true' } }),
        h('h1', { t: 'app.name' }),
      ]),
      this.#summary,
      h('div', { class: 'header-actions' }, [this.#dnd, this.#pause]),
    ]);
    for (const topic of ['feeds', 'statuses', 'state'] as const) ctx.store.on(topic, () => this.#render());
    onLanguageChange(() => this.#render());
  }

  #render(): void {
    const { feeds, statuses, state } = this.#ctx.store;
    const enabled = feeds.filter((feed) => feed.enabled);
    const open = enabled.filter((feed) => statuses.get(feed.id)?.state === 'open').length;
    localize(
      this.#summary,
      feeds.length === 0 ? 'header.noFeeds' : ['header.summary', { open, total: enabled.length }],
    );
    this.#dnd.hidden = !state?.doNotDisturb.active;
    const paused = state?.paused ?? false;
    this.#pause.setAttribute('aria-pressed', String(paused));
    localize(this.#pause, paused ? 'header.resume' : 'header.pause');
  }

  async #togglePause(): Promise<void> {
    const paused = !(this.#ctx.store.state?.paused ?? false);
    const result = await this.#ctx.ipc.invoke('app:setPaused', { paused });
    if (!result.ok) return this.#ctx.notices.error('header.pauseFailed', result.error);
    this.#ctx.store.setState(result.value);
  }
}
