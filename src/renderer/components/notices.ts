/** Short-lived messages ("Saved", "Could not reach main: …") in a polite live region. */
import { h } from '../dom.ts';
import type { IpcError } from '../../shared/ipc.ts';
import { t, type MessageKey, type MessageParams } from '../i18n/index.ts';

/** How long a notice stays, in ms. Errors stay until dismissed. */
const NOTICE_MS = 4000;

/** A stack of toasts; errors carry a dismiss button. */
export class Notices {
  readonly element = h('div', { class: 'notices', attrs: { 'aria-live': 'polite', role: 'status' } });

  /** Shows a localized confirmation that fades on its own. */
  info(key: MessageKey, params?: MessageParams): void {
    this.#show(t(key, params), 'info');
  }

  /** Shows an error from main as its sentence, prefixed by what the user was doing. */
  error(what: MessageKey, error: IpcError): void {
    this.#show(`${t(what)}: ${error.message}`, 'error');
  }

  #show(text: string, tone: 'info' | 'error'): void {
    const item = h('div', { class: `notice notice-${tone}` }, [h('span', { text })]);
    const dismiss = (): void => item.remove();
    if (tone === 'error') {
      item.append(
        h('button', {
          class: 'icon-button',
          text: '×',
          ariaLabel: 'common.dismiss',
          attrs: { type: 'button' },
          on: { click: dismiss },
        }),
      );
    } else {
      setTimeout(dismiss, NOTICE_MS);
    }
    this.element.append(item);
  }
}
