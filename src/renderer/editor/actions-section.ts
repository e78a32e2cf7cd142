/**
 * The feed's action buttons ("Acknowledge"), edited as JSON: a list of `{ id, label, method, url,
 * body, contentType, allowHost }` (docs/SERVERS.md). Checked with the schema main uses, so a problem
 * shows under the field before saving.
 */
import type { FeedConfigInput } from '../../shared/feed.ts';
import { h, uid } from '../dom.ts';
import type { FieldKit } from './editor-sections.ts';
import { field } from './fields.ts';

const EXAMPLE = '[{ "id": "ack", "label": "Acknowledge", "url": "/alerts/{/id}/ack" }]';

/** The JSON text of a feed's actions, empty when it has none. */
export function actionsText(actions: readonly unknown[] | undefined): string {
  return actions && actions.length > 0 ? JSON.stringify(actions, null, 2) : '';
}

/**
 * The actions the text describes: empty text is none. Text that is not JSON is handed on as it is, so
 * the schema refuses it (a typo must never save as "no actions" and drop the buttons).
 */
export function parseActionsText(text: string): FeedConfigInput['actions'] {
  if (text.trim() === '') return [];
  try {
    return JSON.parse(text) as FeedConfigInput['actions'];
  } catch {
    return text as unknown as FeedConfigInput['actions'];
  }
}

/** Whether the text is JSON (or empty). */
export function actionsTextParses(text: string): boolean {
  if (text.trim() === '') return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The fieldset: one JSON field with its hint and error line. */
export function actionsSection(kit: FieldKit): HTMLElement {
  const { draft } = kit;
  const input = h('textarea', {
    class: 'input-actions',
    attrs: { id: uid('actions'), name: 'actions', rows: 4, spellcheck: 'false', placeholder: EXAMPLE },
  });
  input.value = draft.actionsJson;
  input.addEventListener('input', () =>
    kit.edit('actions', (value) => (draft.actionsJson = value))(input.value),
  );
  return h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.actions' }),
    field({
      label: 'editor.actionsLabel',
      control: input,
      path: 'actions',
      errors: kit.errors,
      hint: 'editor.actionsHint',
    }),
  ]);
}
