/**
 * The feed editor's fieldsets, one builder each: basics, mapping, connection and notifications. Each
 * binds its inputs to the draft through a FieldKit, which marks the field touched and revalidates.
 */
import { MAPPING_ROLES, type MappingRole } from '../components/json-tree.ts';
import { h } from '../dom.ts';
import type { Msg } from '../i18n/index.ts';
import type { FeedDraft } from './draft.ts';
import { checkbox, field, textInput, type ErrorSlots } from './fields.ts';

/** Binds inputs to the draft: each edit sets the value, marks the field touched and revalidates. */
export class FieldKit {
  readonly draft: FeedDraft;
  readonly errors: ErrorSlots;
  readonly #revalidate: () => void;

  constructor(draft: FeedDraft, errors: ErrorSlots, revalidate: () => void) {
    this.draft = draft;
    this.errors = errors;
    this.#revalidate = revalidate;
  }

  /** The input handler for the field at `path`. */
  edit(path: string, set: (value: string) => void): (value: string) => void {
    return (value) => {
      set(value);
      this.errors.touch(path);
      this.#revalidate();
    };
  }

  /** A labelled text field at `path`, with its error line. */
  text(
    path: string,
    options: {
      label: Msg;
      value: string;
      set: (value: string) => void;
      hint?: Msg;
      attrs?: Record<string, string>;
    },
  ): { element: HTMLElement; input: HTMLInputElement } {
    const input = textInput(options.value, this.edit(path, options.set), { name: path, ...options.attrs });
    const element = field({
      label: options.label,
      control: input,
      path,
      errors: this.errors,
      ...(options.hint ? { hint: options.hint } : {}),
    });
    return { element, input };
  }

  /** A labelled whole-number field. */
  number(path: string, label: Msg, value: string, set: (value: string) => void, hint: Msg): HTMLElement {
    return this.text(path, {
      label,
      value,
      set,
      hint,
      attrs: { inputmode: 'numeric', class: 'input-number' },
    }).element;
  }
}

/** Name, address and on/off. */
export function basicsSection(kit: FieldKit): { element: HTMLElement; name: HTMLInputElement } {
  const { draft } = kit;
  const name = kit.text('name', {
    label: 'editor.name',
    value: draft.name,
    set: (value) => (draft.name = value),
  });
  const url = kit.text('url', {
    label: 'editor.url',
    value: draft.url,
    set: (value) => (draft.url = value),
    hint: 'editor.urlHint',
    attrs: { inputmode: 'url', placeholder: 'https://example.com/events' },
  });
  const element = h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.basics' }),
    name.element,
    url.element,
    checkbox('editor.enabled', draft.enabled, (checked) => (draft.enabled = checked)),
  ]);
  return { element, name: name.input };
}

/** The four JSON pointers; the inputs are returned so "use as …" can fill them. */
export function mappingSection(kit: FieldKit): {
  element: HTMLElement;
  inputs: ReadonlyMap<MappingRole, HTMLInputElement>;
} {
  const { draft } = kit;
  const inputs = new Map<MappingRole, HTMLInputElement>();
  const fields = MAPPING_ROLES.map((role) => {
    const { element, input } = kit.text(`mapping.${role}`, {
      label: `mapping.${role}`,
      value: draft.mapping[role],
      set: (value) => (draft.mapping[role] = value),
    });
    inputs.set(role, input);
    return element;
  });
  const element = h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.mapping' }),
    h('p', { class: 'field-hint', t: 'editor.mappingHint' }),
    h('div', { class: 'grid-2' }, fields),
  ]);
  return { element, inputs };
}

/** Event types, stall timeout, event size limit and cookies. */
export function connectionSection(kit: FieldKit): HTMLElement {
  const { draft } = kit;
  return h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.connection' }),
    kit.text('eventTypes', {
      label: 'editor.eventTypes',
      value: draft.eventTypes,
      set: (value) => (draft.eventTypes = value),
      hint: 'editor.eventTypesHint',
      attrs: { placeholder: 'message' },
    }).element,
    h('div', { class: 'grid-2' }, [
      kit.number(
        'stallTimeoutS',
        'editor.stallTimeout',
        draft.stallTimeoutS,
        (value) => (draft.stallTimeoutS = value),
        'editor.stallTimeoutHint',
      ),
      kit.number(
        'maxEventBytes',
        'editor.maxEventSize',
        draft.maxEventKiB,
        (value) => (draft.maxEventKiB = value),
        'editor.maxEventSizeHint',
      ),
    ]),
    checkbox('editor.withCredentials', draft.withCredentials, (checked) => (draft.withCredentials = checked)),
  ]);
}

/** On/off, interval, burst threshold and keywords. */
export function notificationsSection(kit: FieldKit): HTMLElement {
  const { draft } = kit;
  return h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.notifications' }),
    checkbox('editor.notifyEnabled', draft.notifyEnabled, (checked) => (draft.notifyEnabled = checked)),
    h('div', { class: 'grid-2' }, [
      kit.number(
        'notify.minIntervalS',
        'editor.minInterval',
        draft.minIntervalS,
        (value) => (draft.minIntervalS = value),
        'editor.minIntervalHint',
      ),
      kit.number(
        'notify.burstThreshold',
        'editor.burstThreshold',
        draft.burstThreshold,
        (value) => (draft.burstThreshold = value),
        'editor.burstThresholdHint',
      ),
      kit.text('notify.include', {
        label: 'editor.include',
        value: draft.include,
        set: (value) => (draft.include = value),
        hint: 'editor.keywordsHint',
      }).element,
      kit.text('notify.exclude', {
        label: 'editor.exclude',
        value: draft.exclude,
        set: (value) => (draft.exclude = value),
        hint: 'editor.keywordsHint',
      }).element,
    ]),
  ]);
}
