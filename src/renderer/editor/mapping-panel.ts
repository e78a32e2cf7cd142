/**
 * Mapping without guessing: a sample event shown as a clickable JSON tree ("use as title / body / link /
 * value" fills the pointer), and a preview of the notification the current mapping would produce.
 */
import type { FeedMapping } from '../../shared/feed.ts';
import type { SampleEvent } from '../app-context.ts';
import type { MappingRole } from '../../shared/presentation/normalize.ts';
import { jsonTree } from '../components/json-tree.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { localize } from '../i18n/index.ts';
import { formatValue } from '../format.ts';
import { previewNotification } from './preview.ts';

/** The sample picker, tree and preview. */
export class MappingPanel {
  readonly element: HTMLElement;
  readonly #picker = h('select', { attrs: { id: uid('sample') } });
  readonly #pickerField: HTMLElement;
  readonly #tree = h('div', { class: 'sample-tree' });
  readonly #preview = h('div', { class: 'preview-card', attrs: { 'aria-live': 'polite' } });
  readonly #getMapping: () => FeedMapping;
  readonly #getFeedName: () => string;
  readonly #onUse: (pointer: string, role: MappingRole) => void;
  #samples: SampleEvent[] = [];

  constructor(
    getMapping: () => FeedMapping,
    getFeedName: () => string,
    onUse: (pointer: string, role: MappingRole) => void,
  ) {
    this.#getMapping = getMapping;
    this.#getFeedName = getFeedName;
    this.#onUse = onUse;
    this.#picker.addEventListener('change', () => this.#showSample());
    this.#pickerField = h('div', { class: 'field' }, [
      h('label', { t: 'mapping.sample', attrs: { for: this.#picker.id } }),
      this.#picker,
    ]);
    this.element = h('section', { class: 'side-section', attrs: { 'aria-labelledby': 'mapping-heading' } }, [
      h('h3', { t: 'mapping.heading', attrs: { id: 'mapping-heading' } }),
      this.#pickerField,
      this.#tree,
      h('h4', { t: 'mapping.preview' }),
      this.#preview,
    ]);
    this.setSamples([]);
  }

  /** Shows these events to map from (the Test result, or the event picked in the live view). */
  setSamples(samples: readonly SampleEvent[]): void {
    this.#samples = samples.slice(0, 20);
    replaceChildren(
      this.#picker,
      this.#samples.map((sample, index) => {
        const option = h('option', { attrs: { value: index } });
        localize(option, ['mapping.sampleOption', { n: index + 1, type: sample.type, id: sample.id || '—' }]);
        return option;
      }),
    );
    this.#pickerField.hidden = this.#samples.length < 2;
    this.#showSample();
  }

  /** Recomputes the preview (after a mapping field changed). */
  refresh(): void {
    const sample = this.#current();
    if (!sample) {
      replaceChildren(this.#preview, [h('p', { class: 'muted', t: 'mapping.noPreview' })]);
      return;
    }
    const preview = previewNotification(sample, this.#getMapping(), this.#getFeedName().trim() || 'FeedTray');
    replaceChildren(this.#preview, [
      // The whole line is the notification's title; the part after the feed's name is the event's.
      h('p', { class: 'preview-title', attrs: { 'data-preview': 'notification-title' } }, [
        preview.feedPrefix ? h('span', { class: 'preview-feed', text: preview.feedPrefix }) : null,
        h('span', { text: preview.title, attrs: { 'data-preview': 'title' } }),
      ]),
      preview.body
        ? h('p', { class: 'preview-body', text: preview.body, attrs: { 'data-preview': 'body' } })
        : null,
      h('dl', { class: 'preview-meta' }, [
        h('dt', { t: 'mapping.link' }),
        h('dd', { text: preview.link ?? '—', attrs: { 'data-preview': 'link' } }),
        h('dt', { t: 'mapping.value' }),
        h('dd', {
          text: preview.value === null ? '—' : formatValue(preview.value, 6),
          attrs: { 'data-preview': 'value' },
        }),
      ]),
      ...preview.missing.map((role) =>
        h('p', {
          class: 'field-error',
          t: ['mapping.missing', { field: role, pointer: this.#getMapping()[role] ?? '' }],
        }),
      ),
    ]);
  }

  #current(): SampleEvent | undefined {
    return this.#samples[Number(this.#picker.value) || 0];
  }

  #showSample(): void {
    const sample = this.#current();
    if (!sample) {
      replaceChildren(this.#tree, [h('p', { class: 'muted', t: 'mapping.noSample' })]);
    } else {
      let doc: unknown;
      let isJson = true;
      try {
        doc = JSON.parse(sample.data);
      } catch {
        isJson = false; // plain text: nothing to point into
      }
      replaceChildren(this.#tree, [
        isJson
          ? jsonTree(doc, (pointer, role) => this.#onUse(pointer, role))
          : h('div', {}, [
              h('p', { class: 'muted', t: 'mapping.notJson' }),
              h('pre', { class: 'raw-data', text: sample.data }),
            ]),
      ]);
    }
    this.refresh();
  }
}
