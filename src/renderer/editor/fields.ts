/**
 * Labelled form fields with an error line each, and the bookkeeping that shows a problem only once the
 * user has touched the field (or tried to save), wired with aria-invalid / aria-describedby.
 */
import { h, uid, type Child } from '../dom.ts';
import type { Msg } from '../i18n/index.ts';
import type { FieldErrors } from './validate.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Where each field's errors go, and which fields the user has touched. */
export class ErrorSlots {
  readonly #slots = new Map<string, { control: Control | null; slot: HTMLElement }>();
  readonly #touched = new Set<string>();
  #showAll = false;
  /** The form-level message (errors without a field). */
  readonly formError = h('p', { class: 'field-error form-error', attrs: { role: 'alert', hidden: true } });

  /** An error line for `path`, tied to `control` for screen readers. */
  slot(path: string, control: Control | null): HTMLElement {
    const slot = h('p', { class: 'field-error', attrs: { id: uid('error'), hidden: true } });
    if (control) {
      const described = control.getAttribute('aria-describedby');
      control.setAttribute('aria-describedby', [described, slot.id].filter(Boolean).join(' '));
    }
    this.#slots.set(path, { control, slot });
    return slot;
  }

  /** Forgets slots whose path starts with `prefix` (header rows are rebuilt when one is removed). */
  drop(prefix: string): void {
    for (const path of [...this.#slots.keys()]) if (path.startsWith(prefix)) this.#slots.delete(path);
    for (const path of [...this.#touched]) if (path.startsWith(prefix)) this.#touched.delete(path);
  }

  /** Marks a field as touched, so its problems show from now on. */
  touch(path: string): void {
    this.#touched.add(path);
  }

  /** From now on every problem shows (after the user tried to save or test). */
  revealAll(): void {
    this.#showAll = true;
  }

  /** Shows `errors` on their fields; a problem with no visible field goes to the form-level line. */
  show(errors: FieldErrors, { serverSide = false } = {}): void {
    const leftover: string[] = [];
    for (const [path, { control, slot }] of this.#slots) {
      const message = errors.get(path);
      const visible = message !== undefined && (serverSide || this.#showAll || this.#touched.has(path));
      slot.hidden = !visible;
      slot.textContent = visible ? message : '';
      if (control) control.setAttribute('aria-invalid', String(visible));
    }
    for (const [path, message] of errors)
      if (!this.#slots.has(path) && (serverSide || this.#showAll)) leftover.push(message);
    this.formError.hidden = leftover.length === 0;
    this.formError.textContent = leftover.join(' ');
  }
}

/** A text-like input with its label, an optional hint and its error line. */
export function field(options: {
  label: Msg;
  control: Control;
  path: string;
  errors: ErrorSlots;
  hint?: Msg;
  class?: string;
}): HTMLElement {
  const { control } = options;
  control.id ||= uid('field');
  const hint = options.hint
    ? h('p', { class: 'field-hint', t: options.hint, attrs: { id: uid('hint') } })
    : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return h('div', { class: `field ${options.class ?? ''}` }, [
    h('label', { t: options.label, attrs: { for: control.id } }),
    control,
    hint,
    options.errors.slot(options.path, control),
  ]);
}

/** A checkbox with its label after it. */
export function checkbox(
  label: Msg,
  checked: boolean,
  onChange: (checked: boolean) => void,
  extra?: Child,
): HTMLElement {
  const input = h('input', { attrs: { type: 'checkbox' } });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return h('label', { class: 'check' }, [input, h('span', { t: label }), extra]);
}

/** A text input bound to a getter/setter; `onEdit` runs after every keystroke. */
export function textInput(
  value: string,
  onEdit: (value: string) => void,
  attrs: Record<string, string> = {},
): HTMLInputElement {
  const input = h('input', { attrs: { type: 'text', spellcheck: 'false', autocomplete: 'off', ...attrs } });
  input.value = value;
  input.addEventListener('input', () => onEdit(input.value));
  return input;
}
