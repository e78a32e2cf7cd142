/**
 * One open feed editor: the draft, its fields (validated as the user types with the shared schemas),
 * "Test" and the sample-event mapping panel beside the form, and saving.
 */
import { severitySection } from './severity-section.ts';
import { incidentSection } from './incident-section.ts';
import { ActionPreview, actionPreviewInput } from './actions-preview.ts';
import { ActionsField } from './actions-section.ts';
import type { RequestOf } from '../../shared/ipc.ts';
import { presetStreamUrl } from '../../shared/presets.ts';
import type { RedactedFeed } from '../../shared/settings.ts';
import type { AddLink } from '../../shared/add-link.ts';
import type { AppContext } from '../app-context.ts';
import type { MappingRole } from '../components/json-tree.ts';
import { h } from '../dom.ts';
import {
  applyPreset,
  draftFromFeed,
  draftHeaders,
  draftServer,
  draftToUpdate,
  splitList,
  type FeedDraft,
} from './draft.ts';
import {
  basicsSection,
  connectionSection,
  FieldKit,
  mappingSection,
  notificationsSection,
} from './editor-sections.ts';
import { ErrorSlots } from './fields.ts';
import { HeadersField } from './headers-field.ts';
import { MappingPanel } from './mapping-panel.ts';
import { serverSection } from './server-section.ts';
import { RulesPreviewRequestSchema } from '../../shared/rules/preview.ts';
import { RulesPreviewPanel, type PreviewInput } from './rules-preview-panel.ts';
import { RulesField } from './rules-section.ts';
import { TestPanel } from './test-panel.ts';
import { errorsFromIpc, validateDraft } from './validate.ts';

/** The state of one open editor: its draft, fields and error slots. */
export class EditorSession {
  readonly form: HTMLFormElement;
  readonly mapping: MappingPanel;
  readonly #ctx: AppContext;
  readonly #draft: FeedDraft;
  readonly #errors = new ErrorSlots();
  readonly #pointerInputs: ReadonlyMap<MappingRole, HTMLInputElement>;
  readonly #name: HTMLInputElement;
  readonly #save: HTMLButtonElement;
  readonly #rules: RulesField;
  readonly #actions: ActionsField;
  readonly #actionPreview: ActionPreview;
  readonly #preview: RulesPreviewPanel;
  readonly #close: () => void;

  constructor(ctx: AppContext, feed: RedactedFeed | null, close: () => void, fromLink?: AddLink) {
    this.#ctx = ctx;
    this.#close = close;
    const draft = (this.#draft = draftFromFeed(feed));
    if (fromLink) {
      // Only the address, the name and the preset come from a link; nothing is saved until Save.
      if (fromLink.preset !== 'generic') applyPreset(draft, fromLink.preset);
      draft.name = fromLink.name;
      draft.url = fromLink.url;
    }
    const kit = new FieldKit(draft, this.#errors, () => this.revalidate());
    this.mapping = new MappingPanel(
      () => ({ ...draft.mapping }),
      () => draft.name,
      (pointer, role) => this.use(pointer, role),
    );
    const test = new TestPanel(
      ctx,
      () => this.#testRequest(),
      (events) => this.mapping.setSamples(events),
    );
    const basics = basicsSection(kit);
    this.#name = basics.name;
    const mapping = mappingSection(kit);
    this.#pointerInputs = mapping.inputs;
    const server = serverSection(kit, (name) => {
      applyPreset(draft, name);
      server.refresh();
      for (const [role, input] of this.#pointerInputs) input.value = draft.mapping[role];
      this.#errors.touch('url');
      this.revalidate();
    });
    this.#preview = new RulesPreviewPanel(ctx.ipc);
    this.#rules = new RulesField(kit, draft.rules, this.#preview.element);
    this.#actionPreview = new ActionPreview(ctx.ipc, draft.id);
    this.#actions = new ActionsField(kit, draft.actions, this.#actionPreview.element);
    this.#save = h('button', { class: 'button button-primary', t: 'common.save', attrs: { type: 'submit' } });
    this.form = h('form', { class: 'editor-form', attrs: { novalidate: true } }, [
      h('div', { class: 'editor-body' }, [
        h('div', { class: 'editor-fields' }, [
          fromLink
            ? h('p', { class: 'field-hint editor-from-link', t: 'editor.fromLink', attrs: { role: 'note' } })
            : null,
          basics.element,
          server.element,
          mapping.element,
          connectionSection(kit),
          new HeadersField(draft, this.#errors, () => this.revalidate()).element,
          notificationsSection(kit),
          severitySection(kit, draft.severity),
          this.#rules.element,
          incidentSection(kit, draft.incident),
          this.#actions.element,
        ]),
        h('aside', { class: 'editor-side', ariaLabel: 'editor.sideLabel' }, [
          test.element,
          this.mapping.element,
        ]),
      ]),
      h('footer', { class: 'dialog-footer' }, [
        this.#errors.formError,
        h('button', { class: 'button', t: 'common.cancel', attrs: { type: 'button' }, on: { click: close } }),
        this.#save,
      ]),
    ]);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#submit();
    });
    this.revalidate();
  }

  /** Fills a mapping field from the sample tree. */
  use(pointer: string, role: MappingRole): void {
    this.#draft.mapping[role] = pointer;
    const input = this.#pointerInputs.get(role);
    if (input) {
      input.value = pointer;
      input.classList.remove('flash');
      void input.offsetWidth; // restart the highlight animation
      input.classList.add('flash');
    }
    this.#errors.touch(`mapping.${role}`);
    this.revalidate();
  }

  /** Puts the cursor in the first field. */
  focusFirst(): void {
    this.#name.focus();
  }

  /** Re-checks the draft and shows problems on touched fields; refreshes the previews. */
  revalidate(): Map<string, string> {
    const errors = validateDraft(this.#draft);
    this.#errors.show(errors);
    this.mapping.refresh();
    // A rule or action showing a problem cannot be saved (nor previewed) until it is fixed.
    this.#save.disabled = [this.#rules.element, this.#actions.element].some(
      (section) => section.querySelector('.field-error:not([hidden])') !== null,
    );
    this.#preview.update(this.#previewInput());
    this.#actionPreview.update(actionPreviewInput(this.#draft, errors));
    return errors;
  }

  /** Stops what is still pending (the previews) when the editor closes. */
  dispose(): void {
    this.#preview.dispose();
    this.#actionPreview.dispose();
  }

  #previewInput(): PreviewInput {
    const draft = this.#draft;
    if (draft.id === null) return { kind: 'unsaved' };
    if (draft.rules.length === 0) return { kind: 'no-rules' };
    const update = draftToUpdate(draft);
    const request = {
      feedId: draft.id,
      mapping: update.mapping,
      severity: update.severity,
      rules: update.rules,
    };
    const name = update.name.trim();
    const checked = RulesPreviewRequestSchema.safeParse(request);
    if (!checked.success) return { kind: 'invalid' };
    return { kind: 'request', request: name === '' ? request : { ...request, name } };
  }

  #testRequest(): RequestOf<'feeds:test'> | null {
    const errors = this.revalidate();
    const blocking = [...errors.keys()].filter((path) => path === 'url' || path.startsWith('headers.'));
    if (blocking.length > 0) {
      for (const path of blocking) this.#errors.touch(path);
      this.#errors.show(errors);
      this.#focusInvalid();
      return null;
    }
    const { idPointer, resume, heartbeatTypes, preset } = draftServer(this.#draft);
    return {
      url: presetStreamUrl(preset, this.#draft.url.trim()),
      idPointer,
      resume,
      heartbeatTypes,
      headers: draftHeaders(this.#draft),
      ...(this.#draft.id === null ? {} : { feedId: this.#draft.id }),
      eventTypes: splitList(this.#draft.eventTypes),
    };
  }

  async #submit(): Promise<void> {
    this.#errors.revealAll();
    if (this.revalidate().size > 0) return this.#focusInvalid();
    this.#save.disabled = true;
    const update = draftToUpdate(this.#draft);
    const id = this.#draft.id;
    const result =
      id === null
        ? await this.#ctx.ipc.invoke('feeds:add', update)
        : await this.#ctx.ipc.invoke('feeds:update', { ...update, id });
    this.#save.disabled = false;
    if (!result.ok) {
      this.#errors.show(errorsFromIpc(result.error), { serverSide: true });
      return this.#focusInvalid();
    }
    const store = this.#ctx.store;
    const saved = result.value;
    store.setFeeds(
      id === null ? [...store.feeds, saved] : store.feeds.map((feed) => (feed.id === id ? saved : feed)),
    );
    this.#ctx.notices.info('editor.saved', { name: saved.name });
    this.#close();
  }

  #focusInvalid(): void {
    this.form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}
