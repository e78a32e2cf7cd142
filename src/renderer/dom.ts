/**
 * A tiny element builder. Data only ever reaches the page as text (`textContent`, attribute values):
 * there is no path from a feed's bytes to HTML parsing, so a hostile title stays a string.
 */
import { localize, type Msg } from './i18n/index.ts';

/** A child: an element, or a string shown as text; empty values are skipped so conditionals read well. */
export type Child = Node | string | null | undefined | false;

type Listeners = { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };

/** What `h` can set on a new element. */
export interface ElementProps {
  class?: string;
  /** Plain text from data. */
  text?: string;
  /** Localized text (re-labelled on language switch). */
  t?: Msg;
  /** Localized aria-label. */
  ariaLabel?: Msg;
  /** Localized placeholder. */
  placeholder?: Msg;
  /** Localized tooltip. */
  title?: Msg;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: Listeners;
}

/** Creates `<tag>` with props and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.t) localize(element, props.t);
  if (props.ariaLabel) localize(element, props.ariaLabel, 'aria-label');
  if (props.placeholder) localize(element, props.placeholder, 'placeholder');
  if (props.title) localize(element, props.title, 'title');
  for (const [name, value] of Object.entries(props.attrs ?? {})) setAttr(element, name, value);
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  append(element, children);
  return element;
}

/** Appends children, strings as text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Sets or removes an attribute: `true` → present, `false`/null/undefined → absent. */
export function setAttr(
  element: Element,
  name: string,
  value: string | number | boolean | null | undefined,
): void {
  // Inline handlers and style attributes are what the CSP forbids; refusing them here catches the mistake early.
  if (/^on/i.test(name) || name.toLowerCase() === 'style') {
    throw new TypeError(`Refusing to set the "${name}" attribute: use listeners and classes`);
  }
  if (value === false || value === null || value === undefined) element.removeAttribute(name);
  else element.setAttribute(name, value === true ? '' : String(value));
}

let nextId = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
