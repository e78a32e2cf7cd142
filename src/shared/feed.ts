import { z } from 'zod';
import { isHttpUrl } from './presentation/link.ts';
import { DEFAULT_SEVERITY, type Severity } from './presentation/severity.ts';
import { SOUND_NAMES } from './sounds.ts';
import {
  FeedActionSchema,
  IncidentConfigSchema,
  MAX_ACTIONS,
  MAX_RULES,
  RuleSchema,
} from './rules/schema.ts';

/** Defaults a feed gets when the user leaves a field alone. */
export const FEED_DEFAULTS = {
  stallTimeoutS: 90,
  maxEventBytes: 1024 * 1024,
  notifyMinIntervalS: 10,
  burstThreshold: 3,
} as const;

const httpUrl = z.string().refine((value) => isHttpUrl(value), {
  message: 'URL must be an absolute http:// or https:// address',
});

/** An HTTP header token (RFC 9110 `token`), so a typo cannot smuggle a second header. */
const headerName = z
  .string()
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, "Header name may only use letters, digits and !#$%&'*+-.^_`|~");
const headerValue = z
  .string()
  .regex(/^[^\r\n\0]*$/, 'Header value must be one line')
  // Fetch sends header values as bytes and refuses characters above U+00FF; saved anyway, the feed
  // would fail on every attempt.
  .regex(
    /^[\0-\u00ff]*$/,
    'Header values must be Latin-1 (ISO-8859-1) text; characters such as € or emoji cannot be sent in a header: use percent-encoding or base64',
  );

/** A request header a feed sends; `secret` values are encrypted at rest and never shown back. */
export const FeedHeaderSchema = z.object({
  name: headerName,
  value: headerValue,
  secret: z.boolean().default(false),
});
export type FeedHeader = z.infer<typeof FeedHeaderSchema>;

/** `snoozedUntil` for "until I resume": the last moment a Date can hold. */
export const SNOOZED_UNTIL_RESUMED = 8_640_000_000_000_000;

/** A JSON pointer (RFC 6901): empty, or starting with `/`. */
const jsonPointer = z.string().regex(/^(\/.*)?$/, 'A JSON pointer starts with "/", like /data/title');

/** Where title, body, link and numeric value come from in a JSON event. */
export const FeedMappingSchema = z.object({
  title: jsonPointer.optional(),
  body: jsonPointer.optional(),
  link: jsonPointer.optional(),
  value: jsonPointer.optional(),
  /** Where the event's severity is: a number 1–5 or a word (`warning`, `P1`), see `severity.words`. */
  severity: jsonPointer.optional(),
  /** The title when `title` finds nothing (ntfy: the topic of a message without a title). */
  titleFallback: jsonPointer.optional(),
  /** An array of tags: emoji shortcodes (`warning`) lead the title as emoji, other tags end the body. */
  tags: jsonPointer.optional(),
  /** More http(s) addresses (an attachment, an icon) listed under the body as links. */
  extraLinks: z.array(jsonPointer).max(10).optional(),
  /** Buttons the server sends with an event (ntfy: `/actions`, of type `view` and `http`). */
  actions: jsonPointer.optional(),
});
export type FeedMapping = z.infer<typeof FeedMappingSchema>;

/** A non-empty JSON pointer: where an event's id is in its data. */
const idPointer = z
  .string()
  .regex(/^\/.*$/, 'An id pointer starts with "/", like /id')
  .max(1000);

/** A query parameter name (`since`, `lastEventID`): letters, digits, `-`, `_` and `.`. */
const queryParamName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'A query parameter name uses letters, digits, -, _ and . only');

/**
 * How the server resumes after a reconnect or a restart. `lastEventId`: the `Last-Event-ID` header (the
 * SSE way); `queryParam`: the URL carries `<param>=<last id>` (ntfy's `since`, Mercure's `lastEventID`);
 * both may be on. `initial`: the parameter's value while no position is known (ntfy: `12h` of recent
 * messages), so a new feed is not empty.
 */
export const FeedResumeSchema = z.object({
  lastEventId: z.boolean().default(true),
  queryParam: queryParamName.nullable().default(null),
  initial: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'The first-connect value is a word like 12h or all')
    .nullable()
    .default(null),
});
export type FeedResume = z.infer<typeof FeedResumeSchema>;

/** The server presets: each fills the id pointer, the resume method, heartbeats and the mapping. */
export const PRESET_NAMES = ['generic', 'ntfy', 'mercure'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** A severity level: 1 min, 2 low, 3 default, 4 high, 5 urgent. */
export const SeveritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** How a feed's events get their severity: the level of events without one, and the feed's own words. */
export const FeedSeveritySchema = z.object({
  default: SeveritySchema.default(DEFAULT_SEVERITY),
  /** Words this server sends and the level each means; checked before the built-in table. */
  words: z
    .array(z.object({ match: z.string().trim().min(1).max(100), severity: SeveritySchema }))
    .max(50)
    .default([]),
});

/** A sound: none, the OS's own notification sound, or one bundled with the app. */
export const SoundChoiceSchema = z.enum(['none', 'os', ...SOUND_NAMES]);
export type SoundChoice = z.infer<typeof SoundChoiceSchema>;

/** The sound per severity level; quiet levels stay silent unless the user says otherwise. */
export const SoundsSchema = z.object({
  min: SoundChoiceSchema.default('none'),
  low: SoundChoiceSchema.default('none'),
  default: SoundChoiceSchema.default('os'),
  high: SoundChoiceSchema.default('os'),
  urgent: SoundChoiceSchema.default('alert'),
});

/** The sound per level of a feed that chose none: silent min and low, the OS's sound, `alert` when urgent. */
export const DEFAULT_SOUNDS: z.infer<typeof SoundsSchema> = SoundsSchema.parse({});

/** When a feed may raise an OS notification. */
export const NotifyPolicySchema = z.object({
  enabled: z.boolean().default(true),
  minIntervalS: z.number().min(0).max(86_400).default(FEED_DEFAULTS.notifyMinIntervalS),
  burstThreshold: z.number().int().min(1).max(1000).default(FEED_DEFAULTS.burstThreshold),
  include: z.array(z.string().min(1)).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  /** Below this severity an event goes to history and unread only. */
  minSeverity: SeveritySchema.default(1),
  /** Urgent events notify even during do-not-disturb and while the feed is snoozed. */
  urgentBreaksThrough: z.boolean().default(true),
  sounds: SoundsSchema.prefault({}),
});
export type NotifyPolicy = z.infer<typeof NotifyPolicySchema>;

/** One feed as the user configured it. */
export const FeedConfigSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Feed id uses letters, digits, - and _ only'),
  name: z.string().trim().min(1, 'Give the feed a name').max(100),
  url: httpUrl,
  enabled: z.boolean().default(true),
  /** Event types delivered: empty means `message` only, `*` means every type. */
  eventTypes: z.array(z.string().min(1).max(100)).default([]),
  headers: z.array(FeedHeaderSchema).default([]),
  withCredentials: z.boolean().default(false),
  /** The server preset the feed was set up with (the editor shows it; the fields below are what count). */
  preset: z.enum(PRESET_NAMES).default('generic'),
  /** Where the event id is in the data when the stream sends no `id:` field (ntfy: `/id`), or null. */
  idPointer: idPointer.nullable().default(null),
  resume: FeedResumeSchema.prefault({}),
  /** Named event types that only say the stream is alive (ntfy: `open`, `keepalive`): never events. */
  heartbeatTypes: z.array(z.string().min(1).max(100)).max(20).default([]),
  mapping: FeedMappingSchema.default({}),
  notify: NotifyPolicySchema.prefault({}),
  severity: FeedSeveritySchema.prefault({}),
  /** Notifications held until this time (epoch ms; SNOOZED_UNTIL_RESUMED: until the user resumes), or null. */
  snoozedUntil: z.number().int().min(0).max(8_640_000_000_000_000).nullable().default(null),
  /** Rules, in order: the first enabled one that matches decides whether and how an event notifies. */
  rules: z.array(RuleSchema).max(MAX_RULES, `At most ${MAX_RULES} rules`).default([]),
  /** Incident tracking: events with the same key update one incident and one notification. */
  incident: IncidentConfigSchema.prefault({}),
  /** Buttons on this feed's notifications and events ("Acknowledge"). */
  actions: z
    .array(FeedActionSchema)
    .max(MAX_ACTIONS, `At most ${MAX_ACTIONS} actions`)
    .refine((actions) => new Set(actions.map((action) => action.id)).size === actions.length, {
      message: 'Two actions have the same id',
    })
    .default([]),
  stallTimeoutS: z.number().int().min(5).max(3600).default(FEED_DEFAULTS.stallTimeoutS),
  maxEventBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(FEED_DEFAULTS.maxEventBytes),
});
export type FeedConfig = z.infer<typeof FeedConfigSchema>;
/** What a caller may leave out when creating a feed. */
export type FeedConfigInput = z.input<typeof FeedConfigSchema>;

/** The connection-level subset of a feed's settings; the server knobs default to plain SSE. */
export type ConnectionConfig = Pick<
  FeedConfig,
  'id' | 'url' | 'eventTypes' | 'headers' | 'withCredentials' | 'stallTimeoutS' | 'maxEventBytes'
> &
  Partial<Pick<FeedConfig, 'idPointer' | 'resume' | 'heartbeatTypes'>>;

export type {
  FeedReason,
  FeedStatus,
  FeedWarning,
  ReadyState,
  ReasonCode,
  WarningCode,
} from './feed-status.ts';

/** One event as it came off the wire, before normalization. */
export interface RawFeedEvent {
  feedId: string;
  /** The event type (`message` when the server named none). */
  type: string;
  /** The event's own id, `''` when it had no `id` field: what dedupe and history keys use. */
  id: string;
  /**
   * The stream's last event id at this event, what `Last-Event-ID` sends: `''` when none was ever sent
   * or the stream reset it with an empty `id:` field (then nothing is to be sent on reconnect).
   */
  lastEventId: string;
  data: string;
  receivedAt: number;
}

/** An event after normalization: what history, notifications, the tray and the window see. */
export interface FeedEvent extends Omit<RawFeedEvent, 'lastEventId'> {
  /** Unique within the app: feedId, id and a sequence number for events without an id. */
  key: string;
  title: string;
  body: string;
  /** An http(s) link from the mapping, or null. */
  link: string | null;
  /** A finite number from the mapping's `value` pointer, or null. */
  value: number | null;
  /** 1 min … 5 urgent: from the mapping's `severity` pointer, else the feed's default. */
  severity: Severity;
  /** Why it did or did not notify; null until the pipeline decided (or from before decisions were kept). */
  decision: NotifyDecisionCode | null;
  /** The name of the rule that decided it, when one did. */
  rule?: string;
  /** The rule's message (its template filled in), the notification's headline. */
  message?: string;
  /** The incident it belongs to (the text at the feed's incident key), when the feed tracks incidents. */
  incident?: string;
}

/** Why an event did or did not raise a notification, as recorded with it. */
export type NotifyDecisionCode =
  | 'notified'
  /** A later event of an incident: it replaced the incident's notification, which was showing. */
  | 'replaced'
  /** It resolved its incident: the incident's notification was closed, quietly. */
  | 'resolved'
  | 'min-interval'
  | 'coalesced'
  | 'below-min-severity'
  | 'snoozed'
  | 'dnd'
  | 'keyword'
  | 'rule-quiet'
  | 'marked'
  | 'replayed'
  | 'off';

/** Every decision code, in the order a user thinks about them (the History filter's order). */
export const NOTIFY_DECISIONS: readonly NotifyDecisionCode[] = [
  'notified',
  'replaced',
  'resolved',
  'coalesced',
  'min-interval',
  'below-min-severity',
  'snoozed',
  'dnd',
  'keyword',
  'rule-quiet',
  'marked',
  'replayed',
  'off',
];
