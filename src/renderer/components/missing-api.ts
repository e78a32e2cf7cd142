/** What the page shows when it was opened without the preload: nothing works, so say so plainly. */
import { h } from '../dom.ts';

/** A full-page error panel explaining that `window.feedtray` is missing. */
export function missingApiPanel(): HTMLElement {
  return h('main', { class: 'fatal', attrs: { role: 'alert' } }, [
    h('h1', { t: 'fatal.title' }),
    h('p', { t: 'fatal.body' }),
    h('p', { t: 'fatal.hint' }),
  ]);
}
