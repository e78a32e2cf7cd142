/**
 * Action buttons of an event: the ones its server sends with it (ntfy's `actions`, of type `view` and
 * `http`, read at the feed's `mapping.actions` pointer) and the ones the user configured on the feed
 * (`feed.actions`, "Acknowledge"). Pure: main runs them, the window and notifications show them.
 *
 * Server-sent actions come from whoever may publish to the feed, so they are read defensively: only
 * own properties, only http(s) addresses without credentials, clean one-line labels, at most three.
 */
import type { FeedConfig, FeedEvent } from './feed.ts';
import { resolvePointer } from './presentation/json-pointer.ts';
import { isHttpProtocol } from './presentation/link.ts';
import { capText, cleanLine } from './presentation/text.ts';
import { templateSubject } from './rules/apply.ts';
import { HTTP_METHODS, type FeedAction } from './rules/schema.ts';
import { renderTemplate, type TemplateSubject } from './rules/template.ts';

/** ntfy allows three actions per message; more from a server are ignored. */
export const MAX_SERVER_ACTIONS = 3;
/** How many entries of a server's array are looked at: a 1000-entry array costs no more than this. */
const SCAN_LIMIT = 20;
/** A button's longest label. */
export const ACTION_LABEL_MAX = 40;
/** The longest body a server-sent http action may carry. */
const SERVER_BODY_MAX_CHARS = 8000;
const SERVER_HEADERS_MAX = 10;

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,100}$/;
// One line of Latin-1: what fetch can send as a header value.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,2000}$/;

export type HttpMethod = (typeof HTTP_METHODS)[number];

/** An action the server sent with an event. */
export type ServerAction =
  | { kind: 'view'; index: number; label: string; url: string }
  | {
      kind: 'http';
      index: number;
      label: string;
      url: string;
      method: HttpMethod;
      /** The action's own headers, already checked to be sendable. */
      headers: [string, string][];
      body: string | null;
    };

/** A button as the window and notifications show it. */
export interface ActionButton {
  /** `feed:<action id>` for configured actions, `server:<index>` for the server's. */
  id: string;
  label: string;
  kind: 'view' | 'http';
  /** The host the press reaches (`ops.example.com`), shown so the user knows where it goes; '' when unknown. */
  host: string;
}

/** What one press did, as recorded with the event. */
export interface ActionResult {
  actionId: string;
  label: string;
  at: number;
  /** The server answered 2xx, or the link was opened. */
  ok: boolean;
  /** The HTTP status, or null when no answer came (refused, timed out, a link opened). */
  status: number | null;
  /** What the user is told: "Acknowledged", "HTTP 500 Internal Server Error", "Refused: …". */
  message: string;
}

/** An event's buttons and what earlier presses did, newest first. */
export interface EventActionsView {
  buttons: ActionButton[];
  results: ActionResult[];
}

/** The word for a press the server accepted, in the app's languages (main's result notification). */
export const ACTION_DONE = { en: 'Acknowledged', 'zh-CN': '已确认' } as const;
/** The word for a link a `view` action opened. */
export const ACTION_OPENED = { en: 'Opened', 'zh-CN': '已打开' } as const;

/** The server's actions in an event's parsed data at `pointer`; junk and unknown kinds are skipped. */
export function parseServerActions(doc: unknown, pointer: string | undefined): ServerAction[] {
  if (pointer === undefined || doc === undefined) return [];
  const found = resolvePointer(doc, pointer);
  if (!found.ok || !Array.isArray(found.value)) return [];
  const actions: ServerAction[] = [];
  const entries = found.value as unknown[];
  for (let index = 0; index < Math.min(entries.length, SCAN_LIMIT); index++) {
    const action = serverAction(entries[index], index);
    if (action !== null) actions.push(action);
    if (actions.length === MAX_SERVER_ACTIONS) break;
  }
  return actions;
}

function serverAction(raw: unknown, index: number): ServerAction | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const kind = own(raw, 'action');
  // `broadcast` (an Android intent) and anything unknown mean nothing on a desktop.
  if (kind !== 'view' && kind !== 'http') return null;
  const label = buttonLabel(own(raw, 'label'));
  const url = serverUrl(own(raw, 'url'));
  if (label === null || url === null) return null;
  if (kind === 'view') return { kind, index, label, url };
  const method = own(raw, 'method') ?? 'POST';
  if (typeof method !== 'string' || !isMethod(method.toUpperCase())) return null;
  const body = own(raw, 'body') ?? null;
  if (body !== null && (typeof body !== 'string' || body.length > SERVER_BODY_MAX_CHARS)) return null;
  const headers = serverHeaders(own(raw, 'headers'));
  if (headers === null) return null;
  return { kind, index, label, url, method: method.toUpperCase() as HttpMethod, headers, body };
}

/** A property the object itself has (never one of Object.prototype's, whatever the key). */
function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function isMethod(method: string): method is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(method);
}

/** A label as one clean line, capped; null when nothing is left. */
function buttonLabel(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const label = capText(cleanLine(value.slice(0, 1000)), ACTION_LABEL_MAX);
  return label === '' ? null : label;
}

/** An absolute http(s) address without credentials (fetch refuses them and they must never show). */
function serverUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 4000) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (!isHttpProtocol(url.protocol) || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** The action's headers as sendable pairs; null when any is not (the whole action is then dropped). */
function serverHeaders(value: unknown): [string, string][] | null {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (entries.length > SERVER_HEADERS_MAX) return null;
  const headers: [string, string][] = [];
  for (const [name, text] of entries) {
    if (!HEADER_NAME.test(name) || typeof text !== 'string' || !HEADER_VALUE.test(text)) return null;
    headers.push([name, text]);
  }
  return headers;
}

/** The id of a configured action's button. */
export const feedButtonId = (action: Pick<FeedAction, 'id'>): string => `feed:${action.id}`;
/** The id of a server action's button. */
export const serverButtonId = (action: Pick<ServerAction, 'index'>): string => `server:${action.index}`;

/** The event's data as JSON, or undefined for text. */
export function eventDoc(event: Pick<FeedEvent, 'data'>): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(event.data) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * An event's buttons: the server's, then the feed's configured ones that this event has every field
 * for (an "Acknowledge" that needs `/alert_id` is not offered on an event without one: it could only
 * be refused). `doc` is the event's parsed data (pass it when known, to skip parsing again).
 */
export function actionButtons(
  feed: Pick<FeedConfig, 'name' | 'url' | 'actions' | 'mapping'>,
  event: FeedEvent,
  doc: { value: unknown } | undefined = eventDoc(event),
): ActionButton[] {
  const buttons: ActionButton[] = parseServerActions(doc?.value, feed.mapping.actions).map((action) => ({
    id: serverButtonId(action),
    label: action.label,
    kind: action.kind,
    host: new URL(action.url).host,
  }));
  const subject = feed.actions.length > 0 ? templateSubject(event, feed.name, doc) : null;
  for (const action of feed.actions) {
    const host = subject && configuredHost(action, feed, subject);
    if (host !== null) buttons.push({ id: feedButtonId(action), label: action.label, kind: 'http', host });
  }
  return buttons;
}

/**
 * Where a configured action's address leads for this event ('' when it cannot be told), or null when
 * the event lacks a field its address or body needs.
 */
function configuredHost(
  action: FeedAction,
  feed: Pick<FeedConfig, 'url'>,
  subject: TemplateSubject,
): string | null {
  const address = renderTemplate(action.url, subject, 'url');
  if (address.missing.length > 0 || address.pathChanging.length > 0) return null;
  if (
    action.body !== null &&
    action.method !== 'GET' &&
    renderTemplate(action.body, subject).missing.length > 0
  )
    return null;
  try {
    return new URL(address.text, feed.url).host;
  } catch {
    return '';
  }
}

/** The most buttons a notification carries (macOS folds more into a menu; Windows allows five). */
export const NOTIFICATION_ACTIONS_MAX = 3;

/** The buttons a single event's notification offers, or none when the feed has no actions. */
export function notificationActions(
  feed: Pick<FeedConfig, 'name' | 'url' | 'actions' | 'mapping'>,
  event: FeedEvent,
): { id: string; label: string }[] {
  if (feed.actions.length === 0 && feed.mapping.actions === undefined) return [];
  return actionButtons(feed, event)
    .slice(0, NOTIFICATION_ACTIONS_MAX)
    .map(({ id, label }) => ({ id, label }));
}
