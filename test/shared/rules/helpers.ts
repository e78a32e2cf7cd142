/** Small builders for the rules tests: subjects with fake times, rules through their schema. */
import type { z } from 'zod';
import type { FeedEvent } from '../../../src/shared/feed.ts';
import type { RuleEngine, RuleSubject } from '../../../src/shared/rules/engine.ts';
import { type Condition, ConditionSchema, type Rule, RuleSchema } from '../../../src/shared/rules/schema.ts';

export const MINUTE_MS = 60_000;

/** What rules read of an event with JSON data `doc` (undefined: not JSON). */
export function subject(doc: unknown, overrides: Partial<RuleSubject> = {}): RuleSubject {
  return { receivedAt: 0, title: '', body: '', value: null, series: null, doc, ...overrides };
}

/** A rate event: `{ pair, rate }` received `atMin` minutes into the fake timeline. */
export function rate(pair: string, value: number | string, atMin = 0): RuleSubject {
  return subject({ pair, rate: value }, { receivedAt: atMin * MINUTE_MS });
}

/** A chart event: the feed's mapped value in the series named by its title. */
export function point(series: string, value: number | null, atMin = 0): RuleSubject {
  return subject(undefined, {
    title: series,
    series: value === null ? null : series,
    value,
    receivedAt: atMin * MINUTE_MS,
  });
}

/** A rule as settings hold it, defaults filled in by the schema. */
export function rule(input: z.input<typeof RuleSchema>): Rule {
  return RuleSchema.parse(input);
}

/** A rule named after its only condition. */
export function only(
  condition: z.input<typeof ConditionSchema>,
  extra: Partial<z.input<typeof RuleSchema>> = {},
): Rule {
  return rule({ name: condition.op, conditions: [condition], ...extra });
}

export function condition(input: z.input<typeof ConditionSchema>): Condition {
  return ConditionSchema.parse(input);
}

/** Feeds `subjects` to the engine in order; for each, the deciding rule's index or null. */
export function decide(
  engine: RuleEngine,
  rules: readonly Rule[],
  subjects: readonly RuleSubject[],
  feedId = 'fx',
): (number | null)[] {
  return subjects.map((each) => engine.evaluate(feedId, rules, each)?.index ?? null);
}

/** Whether one single-rule list matches each subject in turn. */
export function fires(
  engine: RuleEngine,
  single: Rule,
  subjects: readonly RuleSubject[],
  feedId = 'fx',
): boolean[] {
  return decide(engine, [single], subjects, feedId).map((index) => index === 0);
}

/** A normalized event with plain defaults. */
export function feedEvent(overrides: Partial<FeedEvent> = {}): FeedEvent {
  return {
    feedId: 'fx',
    type: 'message',
    id: '1',
    data: '',
    receivedAt: 1_700_000_000_000,
    key: 'fx:1',
    title: 'USD/CNY',
    body: '',
    link: null,
    value: null,
    severity: 3,
    decision: null,
    ...overrides,
  };
}
