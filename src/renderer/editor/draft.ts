/**
 * The feed editor's working copy: every field as the user typed it (numbers stay text until saved, so
 * "12a" can be shown back with an error), and its translation into the update main accepts.
 */
import { actionsDraft, draftToActions, type ActionDraft } from './actions-draft.ts';
import type { Severity } from '../../shared/presentation/severity.ts';
import { parseSeverityWords, severityDraft, type SeverityDraft } from './severity-draft.ts';
import { draftToRules, rulesDraft, type RuleDraft } from './rules-draft.ts';
import { draftIncident, incidentDraft, type IncidentDraft } from './incident-section.ts';
import { FEED_DEFAULTS } from '../../shared/feed.ts';
import type { FeedMapping, PresetName } from '../../shared/feed.ts';
import type { RequestOf } from '../../shared/ipc.ts';
import { presetFields, presetStreamUrl } from '../../shared/presets.ts';
import type { MappingRole } from '../../shared/presentation/normalize.ts';
import type { FeedUpdateInput, RedactedFeed } from '../../shared/settings.ts';

/** One header row. A saved secret is never known here: only that it is set. */
export interface HeaderDraft {
  name: string;
  value: string;
  secret: boolean;
  /** Whether main holds a value for this secret header ('none' for rows added in this session). */
  saved: 'none' | 'set' | 'unset';
  /** The user chose to type a new value for a saved secret. */
  replacing: boolean;
  /** The name the secret was saved under; main finds a kept secret by name. */
  savedName: string;
}

/** Every field of the editor. */
export interface FeedDraft {
  id: string | null;
  name: string;
  url: string;
  enabled: boolean;
  eventTypes: string;
  headers: HeaderDraft[];
  withCredentials: boolean;
  /** The pointers the user edits. */
  mapping: Record<MappingRole, string>;
  /** A preset's mapping extras (title fallback, tags, extra links): set by the preset, not typed. */
  mappingExtras: Pick<FeedMapping, 'titleFallback' | 'tags' | 'extraLinks' | 'actions'>;
  /** The server preset, and the knobs it fills (editable after): '' means none. */
  preset: PresetName;
  idPointer: string;
  resumeParam: string;
  resumeInitial: string;
  resumeLastEventId: boolean;
  heartbeatTypes: string;
  notifyEnabled: boolean;
  minIntervalS: string;
  /** This many events or more within the interval become one summary ("12 new from Rates"). */
  burstThreshold: string;
  include: string;
  exclude: string;
  stallTimeoutS: string;
  /** Shown in KiB: nobody thinks of an event limit as 1048576. */
  maxEventKiB: string;
  /** Severity, the minimum that notifies, urgent breaking through, sounds per level. */
  severity: SeverityDraft;
  /** The rules, in order: the first enabled one that matches decides. */
  rules: RuleDraft[];
  /** The incident key pointer and "resolved when". */
  incident: IncidentDraft;
  /** The feed's action buttons, in the order they show. */
  actions: ActionDraft[];
  /** The feed as loaded, for fields the editor does not show. */
  base: RedactedFeed | null;
}

/** The draft for an existing feed, or for a new one with defaults filled in. */
export function draftFromFeed(feed: RedactedFeed | null): FeedDraft {
  return {
    id: feed?.id ?? null,
    name: feed?.name ?? '',
    url: feed?.url ?? '',
    enabled: feed?.enabled ?? true,
    eventTypes: (feed?.eventTypes ?? []).join(', '),
    headers: (feed?.headers ?? []).map((header) => ({
      name: header.name,
      value: header.secret ? '' : header.value,
      secret: header.secret,
      saved: header.secret ? (header.isSet ? 'set' : 'unset') : 'none',
      replacing: false,
      savedName: header.name,
    })),
    withCredentials: feed?.withCredentials ?? false,
    mapping: {
      title: feed?.mapping.title ?? '',
      body: feed?.mapping.body ?? '',
      link: feed?.mapping.link ?? '',
      value: feed?.mapping.value ?? '',
      severity: feed?.mapping.severity ?? '',
    },
    mappingExtras: extrasOf(feed?.mapping ?? {}),
    preset: feed?.preset ?? 'generic',
    idPointer: feed?.idPointer ?? '',
    resumeParam: feed?.resume.queryParam ?? '',
    resumeInitial: feed?.resume.initial ?? '',
    resumeLastEventId: feed?.resume.lastEventId ?? true,
    heartbeatTypes: (feed?.heartbeatTypes ?? []).join(', '),
    notifyEnabled: feed?.notify.enabled ?? true,
    minIntervalS: String(feed?.notify.minIntervalS ?? FEED_DEFAULTS.notifyMinIntervalS),
    burstThreshold: String(feed?.notify.burstThreshold ?? FEED_DEFAULTS.burstThreshold),
    include: (feed?.notify.include ?? []).join(', '),
    exclude: (feed?.notify.exclude ?? []).join(', '),
    stallTimeoutS: String(feed?.stallTimeoutS ?? FEED_DEFAULTS.stallTimeoutS),
    maxEventKiB: String((feed?.maxEventBytes ?? FEED_DEFAULTS.maxEventBytes) / 1024),
    severity: severityDraft(feed),
    rules: rulesDraft(feed?.rules ?? []),
    incident: incidentDraft(feed),
    actions: actionsDraft(feed?.actions ?? []),
    base: feed,
  };
}

/** The mapping extras a preset sets. */
function extrasOf(mapping: FeedMapping): FeedDraft['mappingExtras'] {
  const { titleFallback, tags, extraLinks, actions } = mapping;
  return {
    ...(titleFallback === undefined ? {} : { titleFallback }),
    ...(actions === undefined ? {} : { actions }),
    ...(tags === undefined ? {} : { tags }),
    ...(extraLinks === undefined ? {} : { extraLinks: [...extraLinks] }),
  };
}

/** Fills the draft from a server preset: its knobs and its mapping (the user's own pointers replaced). */
export function applyPreset(draft: FeedDraft, name: PresetName): void {
  const fields = presetFields(name);
  draft.preset = name;
  draft.idPointer = fields.idPointer ?? '';
  draft.resumeParam = fields.resume.queryParam ?? '';
  draft.resumeInitial = fields.resume.initial ?? '';
  draft.resumeLastEventId = fields.resume.lastEventId;
  draft.heartbeatTypes = fields.heartbeatTypes.join(', ');
  const { mapping } = fields;
  // Generic keeps what the user mapped; a server preset knows its fields.
  if (name !== 'generic') {
    draft.mapping = {
      title: mapping.title ?? '',
      body: mapping.body ?? '',
      link: mapping.link ?? '',
      value: mapping.value ?? '',
      severity: mapping.severity ?? '',
    };
  }
  draft.mappingExtras = extrasOf(mapping);
}

/** A new blank header row. */
export function blankHeader(): HeaderDraft {
  return { name: '', value: '', secret: false, saved: 'none', replacing: false, savedName: '' };
}

/** Whether a saved secret is kept as it is (sent back as `keep: true`). */
export function keepsSecret(header: HeaderDraft): boolean {
  return header.secret && header.saved === 'set' && !header.replacing;
}

/** The headers as main takes them: saved secrets left alone are `keep: true` with an empty value. */
export function draftHeaders(draft: FeedDraft): NonNullable<FeedUpdateInput['headers']> {
  return draft.headers.map((header) =>
    keepsSecret(header)
      ? { name: header.name.trim(), secret: true as const, value: '' as const, keep: true as const }
      : { name: header.name.trim(), value: header.value, secret: header.secret },
  );
}

/** "a, b\nc" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The update the draft describes (schema-checked by the caller). */
export function draftToUpdate(draft: FeedDraft): RequestOf<'feeds:add'> {
  const pointer = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());
  const kib = toNumber(draft.maxEventKiB);
  return {
    ...(draft.id === null ? {} : { id: draft.id }),
    name: draft.name,
    // An ntfy topic address (https://ntfy.sh/alerts) is saved as its stream (…/alerts/sse).
    url: presetStreamUrl(draft.preset, draft.url.trim()),
    enabled: draft.enabled,
    eventTypes: splitList(draft.eventTypes),
    headers: draftHeaders(draft),
    withCredentials: draft.withCredentials,
    mapping: {
      ...draft.mappingExtras,
      title: pointer(draft.mapping.title),
      body: pointer(draft.mapping.body),
      link: pointer(draft.mapping.link),
      value: pointer(draft.mapping.value),
      severity: pointer(draft.mapping.severity),
    },
    notify: {
      ...draft.base?.notify,
      enabled: draft.notifyEnabled,
      minIntervalS: toNumber(draft.minIntervalS),
      burstThreshold: toNumber(draft.burstThreshold),
      minSeverity: draft.severity.minSeverity,
      urgentBreaksThrough: draft.severity.urgentBreaksThrough,
      sounds: draft.severity.sounds,
      include: splitList(draft.include),
      exclude: splitList(draft.exclude),
    },
    stallTimeoutS: toNumber(draft.stallTimeoutS),
    maxEventBytes: kib === undefined ? undefined : Math.round(kib * 1024),
    severity: {
      default: draft.severity.defaultSeverity,
      words: parseSeverityWords(draft.severity.words) as { match: string; severity: Severity }[],
    },
    rules: draftToRules(draft.rules) as RequestOf<'feeds:add'>['rules'],
    incident: draftIncident(draft.incident),
    actions: draftToActions(draft.actions),
    // Not edited here: kept as it was (the feed row snoozes).
    ...(draft.base ? { snoozedUntil: draft.base.snoozedUntil } : {}),
    ...draftServer(draft),
  };
}

/** The server knobs as main takes them. */
export function draftServer(draft: FeedDraft) {
  const text = (value: string): string | null => (value.trim() === '' ? null : value.trim());
  return {
    preset: draft.preset,
    idPointer: text(draft.idPointer),
    resume: {
      lastEventId: draft.resumeLastEventId,
      queryParam: text(draft.resumeParam),
      initial: text(draft.resumeInitial),
    },
    heartbeatTypes: splitList(draft.heartbeatTypes),
  };
}

/** Text → number; empty means "use the default"; anything else unparsable is NaN, which the schema refuses. */
function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}
