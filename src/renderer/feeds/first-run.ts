/** The empty Feeds tab: on first run it offers the demo feeds in one click and explains real feeds. */
import { h } from '../dom.ts';

/** The empty state; `firstRun` adds the welcome and the demo offer. */
export function emptyFeeds(firstRun: boolean, addDemo: () => void, addFeed: () => void): HTMLElement {
  const demo = h('button', {
    class: 'button button-primary',
    t: 'firstRun.addDemo',
    attrs: { type: 'button', 'data-action': 'add-demo' },
    on: { click: addDemo },
  });
  return h('section', { class: 'empty-state', attrs: { 'aria-labelledby': 'empty-title' } }, [
    h('h2', { t: firstRun ? 'firstRun.title' : 'feeds.emptyTitle', attrs: { id: 'empty-title' } }),
    h('p', { class: 'lead', t: firstRun ? 'firstRun.lead' : 'feeds.emptyLead' }),
    h('div', { class: 'empty-actions' }, [
      demo,
      h('button', { class: 'button', t: 'feeds.add', attrs: { type: 'button' }, on: { click: addFeed } }),
    ]),
    h('div', { class: 'how-to' }, [
      h('h3', { t: 'firstRun.howTitle' }),
      h('ol', {}, [
        h('li', { t: 'firstRun.step1' }),
        h('li', { t: 'firstRun.step2' }),
        h('li', { t: 'firstRun.step3' }),
      ]),
    ]),
  ]);
}
