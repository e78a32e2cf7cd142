/**
 * Incident tracking: events of a feed whose JSON has a value at the feed's incident key (`/alert_id`)
 * update one incident per key until an event meets the feed's "resolved when" conditions; a key that
 * fires again after that opens a new incident. The open ones live in memory (read back from the history
 * database at start); every change is written with the history commit that stores its event.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { FeedConfig, FeedEvent } from '../../shared/feed.ts';
import { INCIDENT_KEY_MAX, type IncidentView } from '../../shared/incidents.ts';
import { resolvePointer } from '../../shared/presentation/json-pointer.ts';
import { capText, toText } from '../../shared/presentation/text.ts';
import { ruleSubject } from '../../shared/rules/apply.ts';
import type { RuleEngine } from '../../shared/rules/engine.ts';
import type { CommitCompanion } from './history/commit.ts';
import { writeIncidents } from './history/incidents.ts';

/** Open incidents one feed keeps; beyond it the one quiet longest is closed (a feed of random keys stays bounded). */
export const OPEN_INCIDENTS_PER_FEED = 1000;
/** Changed incidents waiting for a commit, at most (only a database that cannot be written makes them wait long). */
export const MAX_UNSAVED_INCIDENTS = 10_000;

/** What one event did to its incident. */
export interface IncidentStep {
  /** The incident after the event (the tracker's own object: copy it to keep it). */
  incident: IncidentView;
  /** `opened` by its first event, `updated` by a later one, or `resolved` (a first event may resolve at once). */
  change: 'opened' | 'updated' | 'resolved';
  /** The headline before this event: what a "Resolved" notification names. */
  headline: string;
}

/** The feed settings incident tracking reads. */
export type IncidentFeed = Pick<FeedConfig, 'id' | 'incident'>;

/** Open incidents by feed and key, and the writes waiting for the next history commit. */
export class IncidentTracker implements CommitCompanion {
  readonly #rules: RuleEngine;
  /**
   * Open incidents by feed, then key (Maps: both come from outside). Each feed's in order of last
   * activity, oldest first, so the one to let go when a feed has too many is the first.
   */
  readonly #open = new Map<string, Map<string, IncidentView>>();
  /** Incidents changed since the last commit, by id, oldest change first. */
  readonly #unsaved = new Map<number, IncidentView>();
  readonly #removedFeeds = new Set<string>();
  #nextId = 1;

  readonly #changed: (incident: IncidentView) => void;

  /**
   * `rules` is the pipeline's engine, so stateful "resolved when" conditions remember across events;
   * `changed` hears (a copy of) each incident changed outside an event: acted on, or resolved in bulk.
   */
  constructor(rules: RuleEngine, changed: (incident: IncidentView) => void = () => undefined) {
    this.#rules = rules;
    this.#changed = changed;
  }

  /** Takes back what the database holds: the open incidents and the highest id ever given. */
  restore(saved: { open: readonly IncidentView[]; maxId: number }): void {
    for (const incident of saved.open) this.#keep({ ...incident });
    this.#nextId = Math.max(this.#nextId, saved.maxId + 1);
  }

  /**
   * Joins `event` to its incident when the feed tracks incidents and the event has a key: sets
   * `event.incident` and opens, updates or resolves the incident. Null when the event has no incident.
   */
  observe(feed: IncidentFeed, event: FeedEvent, doc: { value: unknown } | undefined): IncidentStep | null {
    const pointer = feed.incident.key;
    if (pointer === null) return null;
    const key = incidentKey(doc, pointer);
    if (key === null) return null;
    event.incident = key;
    const group = feed.incident.resolvedWhen;
    const resolves = group !== null && this.#rules.holds(feed.id, group, ruleSubject(event, doc));
    const title = event.message || event.title;
    const current = this.#open.get(feed.id)?.get(key);
    if (current === undefined) return this.#openNew(feed.id, key, event, title, resolves);
    const headline = current.title;
    if (title !== '') current.title = title;
    if (event.severity > current.severity) current.severity = event.severity;
    current.lastAt = Math.max(current.lastAt, event.receivedAt);
    current.count += 1;
    current.lastEvent = event.key;
    this.#open.get(feed.id)!.delete(key);
    if (resolves) this.#resolve(current, event.receivedAt);
    else this.#keep(current);
    this.#save(current);
    return { incident: current, change: resolves ? 'resolved' : 'updated', headline };
  }

  /** The open incident of a feed's key, if there is one. */
  openIncident(feedId: string, key: string): IncidentView | undefined {
    return this.#open.get(feedId)?.get(key);
  }

  /** Open incidents held in memory, for diagnostics and tests. */
  get openCount(): number {
    let count = 0;
    for (const byKey of this.#open.values()) count += byKey.size;
    return count;
  }

  /**
   * Someone acted on the open incident of `key` (a button pressed with success at `at`): the first such
   * press is kept. Returns the incident, or null when it is no longer open.
   */
  actedOn(feedId: string, key: string, at: number, label: string): IncidentView | null {
    const incident = this.#open.get(feedId)?.get(key);
    if (incident === undefined) return null;
    if (incident.actedAt === undefined) {
      incident.actedAt = at;
      incident.actedBy = label;
      this.#save(incident);
      this.#changed({ ...incident });
    }
    return incident;
  }

  /**
   * Resolves every open incident of a feed at `at` (its incident key changed or tracking was turned
   * off: no later event can reach them); returns them, resolved.
   */
  resolveAll(feedId: string, at: number): IncidentView[] {
    const open = [...(this.#open.get(feedId)?.values() ?? [])];
    this.#open.delete(feedId);
    for (const incident of open) {
      this.#resolve(incident, Math.max(at, incident.lastAt));
      this.#save(incident);
      this.#changed({ ...incident });
    }
    return open;
  }

  /** Forgets a removed feed's incidents; the next commit deletes their rows. */
  forget(feedId: string): void {
    this.#open.delete(feedId);
    for (const [id, incident] of this.#unsaved) if (incident.feedId === feedId) this.#unsaved.delete(id);
    this.#removedFeeds.add(feedId);
  }

  pending(): boolean {
    return this.#unsaved.size > 0 || this.#removedFeeds.size > 0;
  }

  write(db: DatabaseSync): void {
    writeIncidents(db, { rows: this.#unsaved.values(), removedFeeds: this.#removedFeeds });
  }

  committed(): void {
    this.#unsaved.clear();
    this.#removedFeeds.clear();
  }

  #openNew(feedId: string, key: string, event: FeedEvent, title: string, resolves: boolean): IncidentStep {
    const at = event.receivedAt;
    const incident: IncidentView = {
      id: this.#nextId++,
      feedId,
      key,
      status: 'open',
      title,
      severity: event.severity,
      firstAt: at,
      lastAt: at,
      resolvedAt: null,
      count: 1,
      lastEvent: event.key,
    };
    // A resolution whose incident is not known (it fired before tracking began) is kept as a closed one.
    if (resolves) this.#resolve(incident, at);
    else this.#keep(incident);
    this.#save(incident);
    return { incident, change: resolves ? 'resolved' : 'opened', headline: title };
  }

  #resolve(incident: IncidentView, at: number): void {
    incident.status = 'resolved';
    incident.resolvedAt = at;
  }

  /** Holds an open incident as the feed's most recently active one, closing the stalest beyond the cap. */
  #keep(incident: IncidentView): void {
    let byKey = this.#open.get(incident.feedId);
    if (byKey === undefined) {
      byKey = new Map();
      this.#open.set(incident.feedId, byKey);
    }
    byKey.set(incident.key, incident);
    if (byKey.size <= OPEN_INCIDENTS_PER_FEED) return;
    const [staleKey, stale] = byKey.entries().next().value!;
    byKey.delete(staleKey);
    this.#resolve(stale, incident.lastAt);
    this.#save(stale);
  }

  #save(incident: IncidentView): void {
    this.#unsaved.delete(incident.id);
    this.#unsaved.set(incident.id, incident);
    if (this.#unsaved.size > MAX_UNSAVED_INCIDENTS) {
      this.#unsaved.delete(this.#unsaved.keys().next().value!);
    }
  }
}

/** The incident key of an event: the text at `pointer` in its JSON, capped; null when it has none. */
export function incidentKey(doc: { value: unknown } | undefined, pointer: string): string | null {
  if (doc === undefined) return null;
  const found = resolvePointer(doc.value, pointer);
  if (!found.ok) return null;
  const text = toText(found.value);
  if (text === null || text.trim() === '') return null;
  return capText(text.toWellFormed(), INCIDENT_KEY_MAX);
}
