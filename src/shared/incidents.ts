/**
 * The incidents part of the IPC contract: an incident is the events of one feed that share a key (the
 * text at the feed's incident key pointer, `/alert_id`) until one of them resolves it. `ipc.ts` gives
 * these schemas their channels; main's tracker and the window's Incidents view share the types.
 */
import { z } from 'zod';
import { FeedConfigSchema, type FeedEvent } from './feed.ts';
import type { Severity } from './presentation/severity.ts';

const FeedIdSchema = FeedConfigSchema.shape.id;

/** The longest incident key kept (longer texts are cut, so two keys may then meet as one). */
export const INCIDENT_KEY_MAX = 200;
/** The most incidents one list may hold over IPC. */
export const INCIDENTS_PAGE_MAX = 500;
/** The most events one timeline may hold over IPC. */
export const INCIDENT_TIMELINE_MAX = 500;

/** Open incidents are still firing; a resolved one was closed by its feed's "resolved when". */
export type IncidentStatus = 'open' | 'resolved';

/** One incident as the store keeps it and the window shows it. */
export interface IncidentView {
  /** A number that names this incident for good (a key that fires again later opens a new one). */
  id: number;
  feedId: string;
  key: string;
  status: IncidentStatus;
  /** The headline of its newest event (a rule's message, else the title). */
  title: string;
  /** The highest severity seen while it was open. */
  severity: Severity;
  firstAt: number;
  lastAt: number;
  resolvedAt: number | null;
  /** Events that belong to it. */
  count: number;
  /** The key of its newest event. */
  lastEvent: string;
  /**
   * When someone first acted on it (a button such as "Acknowledge" pressed with success on one of its
   * events), and that button's label; later updates then replace its notification silently.
   */
  actedAt?: number;
  actedBy?: string;
}

/** The incidents list: open ones first (newest activity first), then the recently resolved. */
export const IncidentsListRequestSchema = z.strictObject({
  feedId: FeedIdSchema.optional(),
  limit: z.number().int().min(1).max(INCIDENTS_PAGE_MAX).default(100),
});

/** One incident with its events. */
export const IncidentTimelineRequestSchema = z.strictObject({
  id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(INCIDENT_TIMELINE_MAX).default(100),
});
export type IncidentTimelineRequest = z.output<typeof IncidentTimelineRequestSchema>;

/** An incident and its events (those history still keeps), newest first. */
export interface IncidentTimelineView {
  incident: IncidentView;
  events: FeedEvent[];
}

/** Sorts incidents as they are listed: open before resolved, then newest activity first. */
export function compareIncidents(a: IncidentView, b: IncidentView): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  return b.lastAt - a.lastAt || b.id - a.id;
}
