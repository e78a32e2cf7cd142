/**
 * The UI language: `t()` looks strings up in the active catalog, and every element labelled through
 * `localize()` remembers its key, so switching language re-labels the page in place, without a reload
 * and without losing what the user typed or where focus was.
 */
import { uiLanguage, type UiLanguage } from '../../shared/presentation/notification-text.ts';
import type { Language } from '../../shared/settings.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey } from './en.ts';

export type { UiLanguage } from '../../shared/presentation/notification-text.ts';
/** Values for `{name}` placeholders in a message. */
export type MessageParams = Readonly<Record<string, string | number>>;
/** A message key, or a key with its placeholder values. */
export type Msg = MessageKey | readonly [MessageKey, MessageParams];
/** The attributes `localize` can fill; `text` means textContent. */
export type LocalizedTarget = 'text' | 'aria-label' | 'placeholder' | 'title';

const CATALOGS: Record<UiLanguage, Messages> = { en, 'zh-CN': zhCN };
const listeners = new Set<(language: UiLanguage) => void>();
let active: UiLanguage = 'en';

/** The catalog a preference means: `system` follows the browser's languages (any Chinese → zh-CN), as main does. */
export const resolveLanguage: (choice: Language, browserLanguages: readonly string[]) => UiLanguage =
  uiLanguage;

/** The language strings are shown in right now. */
export function currentLanguage(): UiLanguage {
  return active;
}

/** Switches the UI language live: re-labels every localized element under `document` and tells listeners. */
export function setLanguage(choice: Language): void {
  const next = resolveLanguage(
    choice,
    navigator.languages.length > 0 ? navigator.languages : [navigator.language],
  );
  document.documentElement.lang = next;
  if (next === active) return;
  active = next;
  retranslate(document);
  for (const listener of listeners) listener(next);
}

/** Calls `listener` after each language switch (for text built from data, like counts and times). */
export function onLanguageChange(listener: (language: UiLanguage) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A message in the active language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = CATALOGS[active][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Sets an element's text (or one attribute) from a message and remembers the key for language switches. */
export function localize(element: Element, msg: Msg, target: LocalizedTarget = 'text'): void {
  const [key, params] = typeof msg === 'string' ? [msg, undefined] : msg;
  element.setAttribute(dataName(target), params ? JSON.stringify([key, params]) : key);
  apply(element, target, t(key, params));
}

/** Re-labels every localized element under `root`, e.g. a dialog built while another language was active. */
export function retranslate(root: ParentNode): void {
  for (const target of ['text', 'aria-label', 'placeholder', 'title'] as const) {
    const name = dataName(target);
    for (const element of root.querySelectorAll(`[${name}]`)) {
      const stored = element.getAttribute(name) ?? '';
      // Keys are written by `localize` only, so the stored form is always one of the two below.
      const [key, params] = stored.startsWith('[')
        ? (JSON.parse(stored) as [MessageKey, MessageParams])
        : [stored as MessageKey, undefined];
      apply(element, target, t(key, params));
    }
  }
}

function dataName(target: LocalizedTarget): string {
  return target === 'text' ? 'data-i18n' : `data-i18n-${target}`;
}

function apply(element: Element, target: LocalizedTarget, text: string): void {
  if (target === 'text') element.textContent = text;
  else element.setAttribute(target, text);
}
