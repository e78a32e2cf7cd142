/**
 * Export and import of settings. Export shows the JSON (secret values are never in it) to copy, and
 * offers it as a file through a Blob object URL with `download`: a download is not a navigation and
 * needs no network, so it works under the window's CSP. Import takes pasted text or a chosen file.
 */
import type { AppContext } from '../app-context.ts';
import { h, uid } from '../dom.ts';

/** The settings export/import fieldset. */
export class SettingsTransfer {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #exported = h('textarea', {
    class: 'code-area',
    attrs: { id: uid('export'), readonly: true, rows: 6, spellcheck: 'false' },
  });
  readonly #download = h('a', {
    class: 'button button-small',
    t: 'transfer.saveFile',
    attrs: { download: 'feedtray-settings.json', hidden: true },
  });
  readonly #copy = h('button', {
    class: 'button button-small',
    t: 'transfer.copy',
    attrs: { type: 'button', hidden: true },
  });
  readonly #imported = h('textarea', {
    class: 'code-area',
    attrs: { id: uid('import'), rows: 6, spellcheck: 'false' },
    placeholder: 'transfer.importPlaceholder',
  });
  readonly #file = h('input', {
    attrs: { type: 'file', accept: 'application/json,.json', id: uid('import-file') },
  });
  readonly #importError = h('p', { class: 'field-error', attrs: { role: 'alert', hidden: true } });
  #objectUrl: string | null = null;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#copy.addEventListener('click', () => void this.#copyText());
    this.#file.addEventListener('change', () => void this.#readFile());
    this.element = h('fieldset', { class: 'fieldset transfer' }, [
      h('legend', { t: 'transfer.title' }),
      h('p', { class: 'field-hint', t: 'transfer.hint' }),
      h('div', { class: 'button-row' }, [
        h('button', {
          class: 'button',
          t: 'transfer.export',
          attrs: { type: 'button' },
          on: { click: () => void this.#export() },
        }),
        this.#download,
        this.#copy,
      ]),
      h('label', { class: 'visually-hidden', t: 'transfer.exported', attrs: { for: this.#exported.id } }),
      this.#exported,
      h('div', { class: 'field' }, [
        h('label', { t: 'transfer.importLabel', attrs: { for: this.#imported.id } }),
        this.#imported,
      ]),
      h('div', { class: 'button-row' }, [
        h('label', { class: 'button file-button', attrs: { for: this.#file.id } }, [
          h('span', { t: 'transfer.chooseFile' }),
        ]),
        this.#file,
        h('button', {
          class: 'button',
          t: 'transfer.import',
          attrs: { type: 'button' },
          on: { click: () => void this.#import() },
        }),
      ]),
      this.#importError,
    ]);
    this.#exported.hidden = true;
  }

  async #export(): Promise<void> {
    const result = await this.#ctx.ipc.invoke('settings:export', undefined);
    if (!result.ok) return this.#ctx.notices.error('transfer.exportFailed', result.error);
    this.#exported.value = result.value.json;
    this.#exported.hidden = false;
    if (this.#objectUrl) URL.revokeObjectURL(this.#objectUrl);
    this.#objectUrl = URL.createObjectURL(new Blob([result.value.json], { type: 'application/json' }));
    this.#download.href = this.#objectUrl;
    this.#download.hidden = false;
    this.#copy.hidden = false;
  }

  async #copyText(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.#exported.value);
      this.#ctx.notices.info('transfer.copied');
    } catch {
      // Clipboard access can be refused; selecting the text lets the user copy it by hand.
      this.#exported.focus();
      this.#exported.select();
      this.#ctx.notices.info('transfer.copyByHand');
    }
  }

  async #readFile(): Promise<void> {
    const file = this.#file.files?.[0];
    if (file) this.#imported.value = await file.text();
  }

  async #import(): Promise<void> {
    this.#importError.hidden = true;
    const json = this.#imported.value.trim();
    if (!json) return;
    const result = await this.#ctx.ipc.invoke('settings:import', { json });
    if (!result.ok) {
      this.#importError.hidden = false;
      this.#importError.textContent = result.error.message;
      return;
    }
    this.#ctx.store.setFeeds(result.value.feeds);
    this.#imported.value = '';
    this.#ctx.notices.info('transfer.imported', {
      n: result.value.feeds.length,
      secrets: result.value.secretsToReenter,
    });
  }
}
