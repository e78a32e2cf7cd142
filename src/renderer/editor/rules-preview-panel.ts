/**
 * The live preview under the rules: what the draft would have done to the feed's last 1,000 stored
 * events, asked of main (`rules:preview`) 300 ms after the last edit. It says plainly when there is
 * nothing to preview yet (a new feed, no stored events, unfinished rules) and when the preview failed.
 */
import type { RequestOf } from '../../shared/ipc.ts';
import type { RulesPreview } from '../../shared/rules/preview.ts';
import type { IpcClient } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatCount, formatDateTime, formatValue } from '../format.ts';
import type { Msg } from '../i18n/index.ts';

/** How long the draft must stay still before the preview is asked for. */
export const PREVIEW_DEBOUNCE_MS = 300;
/** Fired events listed under the counts. */
const FIRED_SHOWN = 5;
/** From this cost per event on, the preview says the rules are heavy. */
const HEAVY_US_PER_EVENT = 100;

/** What the editor can preview now. */
export type PreviewInput =
  | { kind: 'request'; request: RequestOf<'rules:preview'> }
  | { kind: 'unsaved' }
  | { kind: 'no-rules' }
  | { kind: 'invalid' };

/** The preview panel of one editor. */
export class RulesPreviewPanel {
  readonly element = h('section', {
    class: 'rules-preview',
    ariaLabel: 'rules.preview.label',
    attrs: { 'aria-live': 'polite' },
  });
  readonly #ipc: IpcClient;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #asked = 0;
  #lastRequest = '';

  constructor(ipc: IpcClient) {
    this.#ipc = ipc;
  }

  /** The draft changed: shows why there is no preview, or asks for one once edits pause. */
  update(input: PreviewInput): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (input.kind !== 'request') {
      this.#asked++; // an answer still on its way is for an older draft
      this.#lastRequest = '';
      this.#note(`rules.preview.${input.kind === 'no-rules' ? 'noRules' : input.kind}`, input.kind);
      return;
    }
    const key = JSON.stringify(input.request);
    if (key === this.#lastRequest) return;
    this.#lastRequest = key;
    this.element.setAttribute('aria-busy', 'true');
    this.#timer = setTimeout(() => void this.#ask(input.request), PREVIEW_DEBOUNCE_MS);
  }

  /** Stops a pending request (the editor closed). */
  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#asked++;
  }

  async #ask(request: RequestOf<'rules:preview'>): Promise<void> {
    this.#timer = null;
    const asked = ++this.#asked;
    const result = await this.#ipc.invoke('rules:preview', request);
    if (asked !== this.#asked) return;
    this.element.removeAttribute('aria-busy');
    if (!result.ok) {
      this.#lastRequest = ''; // the same draft may be asked again
      this.#note(['rules.preview.failed', { message: result.error.message }], 'failed');
      return;
    }
    this.#show(result.value);
  }

  #note(msg: Msg, state: string): void {
    this.element.removeAttribute('aria-busy');
    this.element.dataset.state = state;
    replaceChildren(this.element, [h('p', { class: 'rules-preview-note', t: msg })]);
  }

  #show(preview: RulesPreview): void {
    if (preview.total === 0) return this.#note('rules.preview.noEvents', 'empty');
    this.element.dataset.state = 'ready';
    const count = (n: number) => formatCount(n);
    const cost = preview.usPerEvent === undefined ? '' : formatCost(preview.usPerEvent);
    replaceChildren(this.element, [
      preview.skipped === undefined
        ? h('p', {
            class: 'rules-preview-scope',
            t: ['rules.preview.scope', { total: count(preview.total) }],
          })
        : h('p', {
            class: 'rules-preview-scope rules-preview-slow',
            t: [
              'rules.preview.stopped',
              { total: count(preview.total), all: count(preview.total + preview.skipped), cost },
            ],
          }),
      preview.skipped === undefined && (preview.usPerEvent ?? 0) >= HEAVY_US_PER_EVENT
        ? h('p', { class: 'rules-preview-slow', t: ['rules.preview.cost', { cost }] })
        : null,
      h('p', {
        class: 'rules-preview-counts',
        t: [
          'rules.preview.counts',
          {
            notify: count(preview.notify),
            marked: count(preview.marked),
            quiet: count(preview.quiet),
            unmatched: count(preview.unmatched),
          },
        ],
        attrs: {
          'data-notify': preview.notify,
          'data-marked': preview.marked,
          'data-quiet': preview.quiet,
          'data-unmatched': preview.unmatched,
        },
      }),
      h(
        'ul',
        { class: 'rules-preview-per-rule', ariaLabel: 'rules.preview.perRule' },
        preview.perRule.map((rule) =>
          h('li', {
            t: ['rules.preview.ruleCount', { n: rule.index + 1, name: rule.name, count: count(rule.count) }],
            attrs: { 'data-count': rule.count },
          }),
        ),
      ),
      preview.fired.length === 0
        ? h('p', { class: 'muted', t: 'rules.preview.noneFired' })
        : h('h5', { t: 'rules.preview.latest' }),
      h(
        'ul',
        { class: 'rules-preview-fired' },
        preview.fired
          .slice(0, FIRED_SHOWN)
          .map((fired) =>
            h('li', { attrs: { 'data-outcome': fired.outcome } }, [
              h('time', { text: formatDateTime(fired.receivedAt) }),
              h('span', { class: 'rules-preview-rule', text: fired.rule }),
              h('span', { class: 'rules-preview-message', text: fired.message ?? fired.title }),
              fired.value === null
                ? null
                : h('span', { class: 'event-value', text: formatValue(fired.value) }),
            ]),
          ),
      ),
    ]);
  }
}

/** 12 µs, 0.4 ms, 2.5 ms: a cost per event in the unit a person reads best. */
function formatCost(us: number): string {
  return us < 1000 ? `${Math.max(1, Math.round(us))} µs` : `${(us / 1000).toFixed(1)} ms`;
}
