/**
 * What pressing a button means, decided before anything is sent: open a link, send one HTTP request
 * (its address, method, headers and body built from the event), or refuse in words. Pure.
 *
 * The feed's headers (secrets included) go only with actions the user configured, to the feed's own
 * origin or to the one host the action was allowed (`allowHost`). A server-sent action never carries
 * them, whatever its address: anyone who can publish to a topic can put a button in an event, and a
 * press must not turn the user's token into that publisher's request, not even on the feed's own
 * server (an ntfy `DELETE` of the user's topics, say). To send one with the feed's secrets, configure it.
 */
import { eventDoc, feedButtonId, parseServerActions, serverButtonId, type HttpMethod } from './actions.ts';
import type { FeedConfig, FeedEvent } from './feed.ts';
import { isHttpProtocol } from './presentation/link.ts';
import { templateSubject } from './rules/apply.ts';
import type { FeedAction } from './rules/schema.ts';
import { renderTemplate, type TemplateSubject } from './rules/template.ts';
import { splitUserinfo } from './url-credentials.ts';

/** One request to send. */
export interface ActionRequest {
  url: string;
  method: HttpMethod;
  /** Whether the feed's headers, secrets and cookies go with it (its own origin or an allowed host). */
  withFeedHeaders: boolean;
  /** The action's own headers (a server-sent action's; the content type of a body). */
  headers: [string, string][];
  body: string | null;
}

/** A press, decided. */
export type ActionPlan =
  | { kind: 'view'; label: string; url: string }
  | { kind: 'http'; label: string; request: ActionRequest }
  | { kind: 'refused'; label: string; message: string };

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/** The feed as a press reads it. */
type PlanFeed = Pick<FeedConfig, 'name' | 'url' | 'actions' | 'mapping'>;

/**
 * The plan for button `actionId` of `event`, or null when the event has no such button. Main runs it
 * on a press; the editor shows what the first button would send for the newest event.
 */
export function planAction(feed: PlanFeed, event: FeedEvent, actionId: string): ActionPlan | null {
  const doc = eventDoc(event);
  const configured = feed.actions.find((action) => feedButtonId(action) === actionId);
  if (configured) return planConfigured(configured, feed, templateSubject(event, feed.name, doc));
  const server = parseServerActions(doc?.value, feed.mapping.actions).find(
    (action) => serverButtonId(action) === actionId,
  );
  if (!server) return null;
  if (server.kind === 'view') return { kind: 'view', label: server.label, url: server.url };
  return {
    kind: 'http',
    label: server.label,
    request: {
      url: server.url,
      method: server.method,
      withFeedHeaders: false,
      headers: server.headers,
      // fetch refuses a body on GET; ntfy sends none there either.
      body: server.method === 'GET' ? null : server.body,
    },
  };
}

function planConfigured(action: FeedAction, feed: PlanFeed, subject: TemplateSubject): ActionPlan {
  const { label } = action;
  const refuse = (message: string): ActionPlan => ({ kind: 'refused', label, message });
  const address = renderTemplate(action.url, subject, 'url');
  if (address.missing.length > 0) return refuse(missingMessage(address.missing, 'address'));
  if (address.pathChanging.length > 0) {
    const [name] = address.pathChanging;
    return refuse(
      `Refused: this event's {${name!.slice(0, 60)}} would change the address's path ("." or "..")`,
    );
  }
  let url: URL;
  try {
    // A relative address (`/alerts/{/id}/ack`) is on the feed's own server.
    url = new URL(address.text, feedBase(feed));
  } catch {
    return refuse(`Refused: "${address.text.slice(0, 200)}" is not a web address`);
  }
  if (!isHttpProtocol(url.protocol)) return refuse(`Refused: only http and https addresses are called`);
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'Refused: the address carries a user name or password; put credentials in the feed’s headers',
    );
  }
  const allowed = allowHost(action);
  if (url.origin !== feedOrigin(feed) && (allowed === null || url.host !== allowed)) {
    return refuse(`Refused: ${url.host} is not this feed's server`);
  }
  let body: string | null = null;
  const headers: [string, string][] = [];
  if (action.body !== null && action.method !== 'GET') {
    const json = JSON_MEDIA_TYPE.test(action.contentType);
    const rendered = renderTemplate(action.body, subject, json ? 'json' : 'text');
    if (rendered.missing.length > 0) return refuse(missingMessage(rendered.missing, 'body'));
    body = rendered.text;
    headers.push(['Content-Type', action.contentType]);
  }
  return {
    kind: 'http',
    label,
    request: { url: url.href, method: action.method, withFeedHeaders: true, headers, body },
  };
}

/** The one other host an action may reach, as URL.host writes it (lower case, default port dropped). */
function allowHost(action: FeedAction): string | null {
  if (action.allowHost === null) return null;
  try {
    return new URL(`https://${action.allowHost}`).host;
  } catch {
    return null;
  }
}

function missingMessage(missing: readonly string[], where: 'address' | 'body'): string {
  // (A `{"ack": true}` that is no field never gets here: the settings schema refuses it on save.)
  const unique = [...new Set(missing)];
  return `Refused: this event has no ${unique.map((name) => `{${name}}`).join(', ')} for the action's ${where}`;
}

/** The feed's address without credentials: what relative action addresses resolve against. */
export function feedBase(feed: Pick<FeedConfig, 'url'>): string {
  return splitUserinfo(feed.url)?.url ?? feed.url;
}

/** The feed's origin (scheme, host and port). */
export function feedOrigin(feed: Pick<FeedConfig, 'url'>): string {
  return new URL(feedBase(feed)).origin;
}
