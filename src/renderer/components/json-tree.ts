/**
 * A JSON document as a clickable tree: each field is a button that offers "use as title / body / link /
 * value" and hands back the field's JSON pointer. Every key and value is shown as text.
 */
import { pointerFor } from '../../shared/presentation/json-pointer.ts';
import type { MappingRole } from '../../shared/presentation/normalize.ts';
import { capText } from '../../shared/presentation/text.ts';
import { h, uid } from '../dom.ts';

export type { MappingRole } from '../../shared/presentation/normalize.ts';
/** The roles in the order the menu offers them. */
export const MAPPING_ROLES: readonly MappingRole[] = ['title', 'body', 'link', 'value', 'severity'];

/** Large documents are cut off here so a huge event cannot freeze the window. */
const MAX_NODES = 300;
/** Long strings are shortened in the tree (the full value is still what the pointer selects). */
const MAX_VALUE_CHARS = 120;

/** Builds the tree; `onUse` gets the pointer and the role the user chose. */
export function jsonTree(doc: unknown, onUse: (pointer: string, role: MappingRole) => void): HTMLElement {
  const budget = { nodes: MAX_NODES };
  const root = h('div', { class: 'json-tree' });
  if (doc !== null && typeof doc === 'object') root.append(branch(doc, [], onUse, budget));
  else root.append(h('code', { class: `json-${kind(doc)}`, text: preview(doc) }));
  return root;
}

function branch(
  value: object,
  path: readonly (string | number)[],
  onUse: (pointer: string, role: MappingRole) => void,
  budget: { nodes: number },
): HTMLElement {
  const list = h('ul', { attrs: { role: 'list' } });
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index): [number, unknown] => [index, item])
    : Object.entries(value);
  for (const [key, child] of entries) {
    if (budget.nodes <= 0) {
      list.append(h('li', { class: 'json-more', text: '…' }));
      break;
    }
    budget.nodes -= 1;
    const childPath = [...path, key];
    const label = typeof key === 'number' ? `[${key}]` : key;
    if (child !== null && typeof child === 'object') {
      list.append(
        h('li', {}, [h('span', { class: 'json-key', text: label }), branch(child, childPath, onUse, budget)]),
      );
    } else {
      list.append(leaf(label, child, pointerFor(childPath), onUse));
    }
  }
  return list;
}

function leaf(
  label: string,
  value: unknown,
  pointer: string,
  onUse: (pointer: string, role: MappingRole) => void,
): HTMLElement {
  const menuId = uid('use-as');
  const menu = h('div', { class: 'use-as', attrs: { id: menuId, role: 'group', hidden: true } });
  menu.setAttribute('aria-label', pointer);
  const toggle = h(
    'button',
    {
      class: 'json-field',
      attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': menuId },
      title: ['tree.choose', { pointer }],
    },
    [
      h('span', { class: 'json-key', text: label }),
      h('span', { class: `json-${kind(value)}`, text: preview(value) }),
    ],
  );
  const close = (): void => {
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  };
  toggle.addEventListener('click', () => {
    const opening = menu.hidden;
    menu.hidden = !opening;
    toggle.setAttribute('aria-expanded', String(opening));
    if (opening) menu.querySelector('button')?.focus();
  });
  menu.append(
    h('span', { class: 'use-as-pointer', text: pointer }),
    ...MAPPING_ROLES.map((role) =>
      h('button', {
        class: 'chip-button',
        t: `tree.useAs.${role}`,
        attrs: { type: 'button' },
        on: {
          click: () => {
            onUse(pointer, role);
            close();
            toggle.focus();
          },
        },
      }),
    ),
  );
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation(); // inside a dialog, Escape closes the menu, not the dialog
    event.preventDefault();
    close();
    toggle.focus();
  });
  return h('li', {}, [toggle, menu]);
}

function kind(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return capText(text, MAX_VALUE_CHARS);
}
