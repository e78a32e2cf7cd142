/**
 * What a feed's draft rules would have done to its recent events: the editor's live preview. Pure:
 * main reads the events from history and calls `previewRules`; tests call it with a list.
 *
 * It runs the same steps as the pipeline (normalize with the draft's mapping, then `applyRules`) with a
 * fresh RuleEngine, so crossings and changes are judged from the first previewed event on, as they
 * would be had these rules been saved before it arrived.
 */
import { z } from 'zod';
import {
  FeedConfigSchema,
  FeedMappingSchema,
  FeedSeveritySchema,
  type FeedConfig,
  type FeedEvent,
} from '../feed.ts';
import { inspectEvent } from '../presentation/normalize.ts';
import { applyRules } from './apply.ts';
import { RuleEngine } from './engine.ts';
import type { RuleOutcome } from './schema.ts';

/** The stored events a preview runs over: the feed's newest, oldest first. */
export const RULES_PREVIEW_EVENTS = 1000;
/** Fired events a preview lists, the newest. */
export const RULES_PREVIEW_FIRED_MAX = 200;

/**
 * `rules:preview`: a saved feed's id (whose stored events are read) and the editor's draft of what
 * decides: rules, mapping and severity words. Bounded by the feed schema (50 rules, 10 conditions each).
 */
export const RulesPreviewRequestSchema = z.strictObject({
  feedId: FeedConfigSchema.shape.id,
  /** The draft's name, for `{feed}` in message templates (the saved name when left out). */
  name: FeedConfigSchema.shape.name.optional(),
  mapping: FeedMappingSchema.default({}),
  severity: FeedSeveritySchema.prefault({}),
  rules: FeedConfigSchema.shape.rules,
});
export type RulesPreviewRequest = z.output<typeof RulesPreviewRequestSchema>;

/** One event a rule decided to notify about or mark. */
export interface FiredEvent {
  key: string;
  receivedAt: number;
  /** The deciding rule's name, and its place in the list. */
  rule: string;
  ruleIndex: number;
  outcome: 'notify' | 'mark';
  /** The severity a notify rule gives. */
  severity: number;
  title: string;
  /** The rule's message template filled in, or null without one. */
  message: string | null;
  value: number | null;
}

/** What the rules would have done: counts by outcome, per rule, and the newest fired events. */
export interface RulesPreview {
  /** Events previewed (at most RULES_PREVIEW_EVENTS). */
  total: number;
  notify: number;
  quiet: number;
  marked: number;
  /** No rule matched: the feed's usual notification settings decide. */
  unmatched: number;
  /** Events each rule decided, in the list's order (disabled rules count 0). */
  perRule: { index: number; name: string; count: number }[];
  /** Notify and mark decisions, newest first, at most RULES_PREVIEW_FIRED_MAX. */
  fired: FiredEvent[];
  /** When the oldest and newest previewed events arrived (null when there were none). */
  fromMs: number | null;
  toMs: number | null;
  /**
   * Set when the preview ran out of its time budget: how many of the events it was given it did not
   * reach (`total` counts those it did), so the editor says these rules are slow on this feed.
   */
  skipped?: number;
  /** What normalize + these rules took per event, in µs, when the caller gave a clock. */
  usPerEvent?: number;
}

/** A clock and how long a preview may run: it runs on main's thread, between the feeds' events. */
export interface PreviewBudget {
  now(): number;
  ms: number;
}

/** The preview's time budget in main: long enough for 1,000 events under any sane rules. */
export const RULES_PREVIEW_BUDGET_MS = 300;

/** The feed as a preview needs it. */
export type PreviewFeed = Pick<FeedConfig, 'id' | 'name' | 'rules' | 'mapping' | 'severity'>;

/**
 * Runs `feed`'s rules over `events` (oldest first) with a fresh engine; nothing is stored or shown.
 * With a `budget`, it stops once that much time has gone and says how many events it did not reach.
 */
export function previewRules(
  feed: PreviewFeed,
  events: readonly FeedEvent[],
  budget?: PreviewBudget,
): RulesPreview {
  const started = budget?.now() ?? 0;
  const engine = new RuleEngine();
  const perRule = feed.rules.map((rule, index) => ({ index, name: rule.name, count: 0 }));
  // applyRules hands back the deciding rule's own outcome object: it names the rule even when two
  // rules share a name.
  const indexOf = new Map<RuleOutcome, number>(feed.rules.map((rule, index) => [rule.outcome, index]));
  const preview: RulesPreview = {
    total: events.length,
    notify: 0,
    quiet: 0,
    marked: 0,
    unmatched: 0,
    perRule,
    fired: [],
    fromMs: events[0]?.receivedAt ?? null,
    toMs: events.at(-1)?.receivedAt ?? null,
  };
  const fired: FiredEvent[] = [];
  let seen = 0;
  for (const stored of events) {
    // The clock is read every 25 events: cheap, and a slow rule set overruns by 25 events at most.
    if (budget && seen % 25 === 0 && seen > 0 && budget.now() - started > budget.ms) break;
    seen++;
    const { event, doc } = inspectEvent({ ...stored, lastEventId: '' }, feed.mapping, 0, feed.severity);
    const outcome = applyRules(engine, feed, event, doc);
    if (outcome === null) {
      preview.unmatched++;
      continue;
    }
    const ruleIndex = indexOf.get(outcome) ?? 0;
    perRule[ruleIndex]!.count++;
    count(preview, outcome);
    if (outcome.kind === 'quiet') continue;
    fired.push({
      key: stored.key,
      receivedAt: stored.receivedAt,
      rule: event.rule ?? '',
      ruleIndex,
      outcome: outcome.kind,
      severity: event.severity,
      title: event.title,
      message: event.message ?? null,
      value: event.value,
    });
    // Keep the list bounded as it grows: only the newest are shown.
    if (fired.length > 2 * RULES_PREVIEW_FIRED_MAX) fired.splice(0, fired.length - RULES_PREVIEW_FIRED_MAX);
  }
  preview.fired = fired.slice(-RULES_PREVIEW_FIRED_MAX).reverse();
  if (seen < events.length) {
    preview.total = seen;
    preview.skipped = events.length - seen;
    preview.toMs = events[seen - 1]?.receivedAt ?? null;
  }
  if (budget && seen > 0) preview.usPerEvent = Math.round(((budget.now() - started) * 1000) / seen);
  return preview;
}

function count(preview: RulesPreview, outcome: RuleOutcome): void {
  if (outcome.kind === 'notify') preview.notify++;
  else if (outcome.kind === 'quiet') preview.quiet++;
  else preview.marked++;
}
