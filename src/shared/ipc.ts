import { z } from 'zod';
import type { ActionResult, EventActionsView } from './actions.ts';
import type { AddLink } from './add-link.ts';
import type { FeedCheckResult } from './check.ts';
import { FeedConfigSchema, type FeedEvent, type FeedStatus, type NotifyDecisionCode } from './feed.ts';
import {
  HistoryQueryRequestSchema,
  HistorySeriesRequestSchema,
  type HistoryPageView,
  type SeriesView,
} from './history.ts';
import {
  IncidentsListRequestSchema,
  IncidentTimelineRequestSchema,
  type IncidentTimelineView,
  type IncidentView,
} from './incidents.ts';
import type { InvokeChannel, PushChannel } from './ipc-channels.ts';
import {
  FeedUpdateSchema,
  PreferencesPatchSchema,
  type Preferences,
  type RedactedFeed,
  type SettingsProblem,
} from './settings.ts';
import { QUIET_CHOICES } from './presentation/snooze.ts';
import { RulesPreviewRequestSchema, type RulesPreview } from './rules/preview.ts';
import type { SoundName } from './sounds.ts';

export {
  API_NAME,
  INVOKE_CHANNELS,
  PUSH_CHANNELS,
  type InvokeChannel,
  type PushChannel,
} from './ipc-channels.ts';
export {
  IncidentsListRequestSchema,
  IncidentTimelineRequestSchema,
  type IncidentTimelineView,
  type IncidentView,
} from './incidents.ts';
export {
  HistoryQueryRequestSchema,
  HistorySeriesRequestSchema,
  type HistoryHit,
  type HistoryPageView,
  type SeriesPoint,
  type SeriesView,
  type TextSegment,
} from './history.ts';

/**
 * The one IPC contract: every channel with the zod schema main validates its request against, and
 * the type of its response. Main, preload, renderer and the test harness all import it.
 */

const FeedIdSchema = FeedConfigSchema.shape.id;
const HttpUrlSchema = FeedConfigSchema.shape.url;
const none = z.undefined();
/** An event's key as history keeps it (`feed:id`). */
const EventKeySchema = z
  .string()
  .min(3, 'Give the event')
  .max(2000, 'An event key is at most 2000 characters');
/** A button of an event: `feed:<action id>` or `server:<index>`. */
const ActionIdSchema = z
  .string()
  .regex(/^(?:feed:[A-Za-z0-9_-]{1,32}|server:\d{1,2})$/, 'An action is feed:<id> or server:<number>');

/** Why a request failed: a code for the UI and a sentence shown to the user as it is. */
export interface IpcError {
  code:
    | 'invalid-request'
    | 'forbidden-sender'
    | 'unknown-channel'
    | 'not-found'
    | 'invalid-feed'
    | 'secret-missing'
    | 'secrets-unavailable'
    | 'write-failed'
    | 'invalid-import'
    | 'not-allowed'
    | 'internal';
  message: string;
  /** Field-level problems for forms: `headers.0.name` → message. */
  issues?: { path: string; message: string }[];
}

/** Every response: a value, or an error value. Requests never reject for expected failures. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The window's views, as the tray can ask for them. */
export type WindowView = 'feeds' | 'live' | 'charts' | 'history' | 'incidents' | 'preferences';

/** Do-not-disturb as the tray and window show it. */
export interface DoNotDisturbState {
  manual: boolean;
  /** The schedule is active right now. */
  scheduled: boolean;
  /** On "for a while" until this time (epoch ms), or null. */
  until: number | null;
  active: boolean;
}

/** Quiet time as the tray and window ask for it: a choice, or `resume` / `off` to end it. */
const QuietChoiceSchema = z.enum(QUIET_CHOICES);

/** A problem found while running: something was lost or not saved, said in words. */
export interface RuntimeProblem {
  code:
    | 'history-read-failed'
    | 'history-write-failed'
    | 'history-damaged'
    | 'history-locked'
    | 'history-newer'
    | 'history-import-failed';
  message: string;
  /** The operating system's own words, where there were some (`ENOSPC: no space left on device`). */
  detail?: string;
}

/** Anything the banner and the tray report. */
export type AppProblem = SettingsProblem | RuntimeProblem;

/** App-wide state: the tray's summary, pushed on every change. */
export interface AppState {
  version: string;
  paused: boolean;
  doNotDisturb: DoNotDisturbState;
  unread: Record<string, number>;
  totalUnread: number;
  /** No feed was ever configured: the window offers the demo feeds. */
  firstRun: boolean;
  secretStorage: { available: boolean; backend: string; weak: boolean };
  /** Things the user should hear about: found at start (a corrupt settings file kept aside, …) or since (history not saved). */
  problems: AppProblem[];
  notificationsSupported: boolean;
}

/**
 * A feed's unread count from the state. Feed ids come from outside: `unread.constructor` would be
 * Object's own function, so only own properties count.
 */
export function unreadOf(state: Pick<AppState, 'unread'> | null | undefined, feedId: string): number {
  return state && Object.hasOwn(state.unread, feedId) ? (state.unread[feedId] ?? 0) : 0;
}

export const FeedTestRequestSchema = z.strictObject({
  url: HttpUrlSchema,
  headers: FeedUpdateSchema.shape.headers,
  /** The feed being edited, whose saved secrets a `keep` header refers to. */
  feedId: FeedIdSchema.optional(),
  eventTypes: z.array(z.string().min(1).max(100)).default([]),
  listenMs: z.number().int().min(500).max(30_000).default(5000),
  /** The draft's server knobs (from its preset); the check reads ids and heartbeats the same way. */
  idPointer: FeedUpdateSchema.shape.idPointer,
  resume: FeedUpdateSchema.shape.resume,
  heartbeatTypes: FeedUpdateSchema.shape.heartbeatTypes,
  /** Also reconnect from an earlier id to tell whether the server resumes (a few seconds more). */
  diagnoseResume: z.boolean().default(false),
});

/**
 * The window's acknowledgement of a push batch (`push:batchEnd`'s number), or `hello` from a page that
 * just loaded. Main keeps at most a few batches unacknowledged and holds the rest, bounded.
 */
export const PushAckSchema = z.union([
  z.strictObject({ batch: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
  z.strictObject({ hello: z.literal(true) }),
]);
export type PushAck = z.infer<typeof PushAckSchema>;

/** Events of one feed main did not push because the window was behind (they are in history). */
export interface SkippedEvents {
  feedId: string;
  count: number;
}

/** Pairs a request schema with a response type: `channel<Response>()(requestSchema)`. */
const channel =
  <Response>() =>
  <Request extends z.ZodType>(request: Request) => ({ request, response: undefined as unknown as Response });

/** Every renderer → main channel. */
export const IPC = {
  'feeds:list': channel<RedactedFeed[]>()(none),
  'feeds:add': channel<RedactedFeed>()(FeedUpdateSchema.partial({ id: true })),
  'feeds:update': channel<RedactedFeed>()(FeedUpdateSchema),
  'feeds:remove': channel<null>()(z.strictObject({ id: FeedIdSchema })),
  'feeds:move': channel<RedactedFeed[]>()(
    z.strictObject({ id: FeedIdSchema, toIndex: z.number().int().min(0).max(10_000) }),
  ),
  'feeds:test': channel<FeedCheckResult>()(FeedTestRequestSchema),
  'feeds:retry': channel<null>()(z.strictObject({ id: FeedIdSchema })),
  'feeds:statuses': channel<FeedStatus[]>()(none),
  'feeds:addDemo': channel<RedactedFeed[]>()(none),
  'feeds:snooze': channel<RedactedFeed>()(
    z.strictObject({ id: FeedIdSchema, choice: z.union([QuietChoiceSchema, z.literal('resume')]) }),
  ),
  /** The feed a `feedtray://add` link offered, once (null when none waits): the editor opens pre-filled. */
  'feeds:takeAddLink': channel<AddLink | null>()(none),
  'prefs:get': channel<Preferences>()(none),
  'prefs:set': channel<Preferences>()(PreferencesPatchSchema),
  'history:query': channel<HistoryPageView>()(HistoryQueryRequestSchema),
  'history:series': channel<SeriesView>()(HistorySeriesRequestSchema),
  'history:markRead': channel<AppState>()(
    z.strictObject({ feedId: FeedIdSchema.optional(), upToKey: z.string().max(200).optional() }),
  ),
  /** What the editor's draft rules would have done to the feed's last 1,000 stored events. */
  'rules:preview': channel<RulesPreview>()(RulesPreviewRequestSchema),
  'incidents:list': channel<IncidentView[]>()(IncidentsListRequestSchema),
  'incidents:timeline': channel<IncidentTimelineView>()(IncidentTimelineRequestSchema),
  'app:state': channel<AppState>()(none),
  'app:setPaused': channel<AppState>()(z.strictObject({ paused: z.boolean() })),
  'app:setDoNotDisturb': channel<AppState>()(
    z.union([
      z.strictObject({ manual: z.boolean() }),
      z.strictObject({ choice: z.union([QuietChoiceSchema, z.literal('off')]) }),
    ]),
  ),
  'app:signIn': channel<null>()(z.strictObject({ id: FeedIdSchema })),
  'app:openLink': channel<null>()(z.strictObject({ url: HttpUrlSchema })),
  'app:ping': channel<{ sentAt: number; receivedAt: number }>()(
    z.strictObject({ sentAt: z.number().finite() }),
  ),
  'settings:export': channel<{ json: string }>()(none),
  'settings:import': channel<{ feeds: RedactedFeed[]; secretsToReenter: number }>()(
    z.strictObject({ json: z.string().max(5 * 1024 * 1024) }),
  ),
  /** An event's action buttons (the server's and the feed's) and what earlier presses did. */
  'actions:list': channel<EventActionsView>()(z.strictObject({ eventKey: EventKeySchema })),
  /** Presses one button: one request at most, never retried; the result is recorded with the event. */
  'actions:run': channel<ActionResult>()(
    z.strictObject({ eventKey: EventKeySchema, actionId: ActionIdSchema }),
  ),
  'window:ack': channel<null>()(PushAckSchema),
} satisfies Record<InvokeChannel, { request: z.ZodType; response: unknown }>;

/** What a channel's request looks like before defaults (what the renderer sends). */
export type RequestOf<C extends InvokeChannel> = z.input<(typeof IPC)[C]['request']>;
/** A channel's request after validation (what main handles). */
export type ValidRequestOf<C extends InvokeChannel> = z.output<(typeof IPC)[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = (typeof IPC)[C]['response'];

/** Every main → renderer push with its payload. Events and statuses are batched (≤ 50 messages/s), state ≤ 4/s. */
export interface PushPayloads {
  'push:statuses': FeedStatus[];
  'push:events': FeedEvent[];
  'push:state': AppState;
  /** A notification was clicked: show this event. */
  'push:focus': { eventKey: string; feedId: string };
  /** The tray asked for one of the window's views (its "Settings" item opens preferences). */
  'push:show': { view: WindowView };
  /** A `feedtray://add` link arrived: take it with `feeds:takeAddLink`. */
  'push:addFeed': Record<string, never>;
  /** Play a bundled notification sound (the window plays it: Electron's `sound` option is macOS-only). */
  'push:sound': { name: SoundName };
  /** Held events' final decisions, known when their interval ended (shown alone, or in a summary). */
  'push:decisions': { key: string; decision: NotifyDecisionCode }[];
  /** Incidents that opened, changed or resolved since the last push (the latest of each, oldest change first). */
  'push:incidents': IncidentView[];
  /**
   * Closes a push batch (its events, statuses and state came just before): the preload acknowledges
   * `batch` with `window:ack`; `skipped` counts per feed the events main left out since the last batch.
   */
  'push:batchEnd': { batch: number; skipped: SkippedEvents[] };
}
export type PushPayloadOf<C extends PushChannel> = PushPayloads[C];

/** `window.feedtray`: exactly the contract, nothing else. */
export interface FeedTrayApi {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  /** Subscribes to a push channel; returns the unsubscribe function. */
  on<C extends PushChannel>(channel: C, listener: (payload: PushPayloadOf<C>) => void): () => void;
}

/** Turns a zod failure into an IpcError with field paths a form can show next to each input. */
export function invalidRequest(error: z.ZodError, what = 'request'): IpcError {
  const issues = error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  return {
    code: 'invalid-request',
    message: first
      ? `Invalid ${what}: ${first.path ? `${first.path}: ` : ''}${first.message}`
      : `Invalid ${what}`,
    issues,
  };
}
