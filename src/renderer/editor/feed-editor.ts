/**
 * The feed editor dialog: a modal `<dialog>` (focus stays inside, Escape closes) holding one
 * `EditorSession` at a time.
 */
import type { AppContext, EditRequest } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { localize } from '../i18n/index.ts';
import { EditorSession } from './editor-session.ts';

/** One dialog, reused for every edit. */
export class FeedEditor {
  readonly element: HTMLDialogElement;
  readonly #ctx: AppContext;
  readonly #heading = h('h2', { attrs: { id: 'editor-heading' } });
  #session: EditorSession | null = null;
  #returnFocus: HTMLElement | null = null;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.element = h('dialog', { class: 'editor', attrs: { 'aria-labelledby': 'editor-heading' } });
    this.element.addEventListener('close', () => {
      replaceChildren(this.element, []);
      this.#session?.dispose();
      this.#session = null;
      // Back to the button that opened the editor, so keyboard users keep their place.
      if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
    });
  }

  /** Opens the editor for a feed (or a new one), optionally with a sample event and a field to fill. */
  open(request: EditRequest): void {
    if (!this.element.open)
      this.#returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const feed = request.feedId === null ? null : (this.#ctx.store.feed(request.feedId) ?? null);
    localize(this.#heading, feed ? ['editor.editTitle', { name: feed.name }] : 'editor.addTitle');
    this.#session?.dispose();
    this.#session = new EditorSession(this.#ctx, feed, () => this.element.close(), request.fromLink);
    replaceChildren(this.element, [
      h('header', { class: 'dialog-header' }, [
        this.#heading,
        h('button', {
          class: 'icon-button',
          text: '×',
          ariaLabel: 'common.close',
          attrs: { type: 'button' },
          on: { click: () => this.element.close() },
        }),
      ]),
      this.#session.form,
    ]);
    if (!this.element.open) this.element.showModal();
    if (request.sample) this.#session.mapping.setSamples([request.sample]);
    if (request.use) this.#session.use(request.use.pointer, request.use.role);
    this.#session.focusFirst();
  }
}
