/**
 * Rules evaluation cost per event: the pipeline's normalize + rules steps over rate ticks for ten
 * currency pairs, with 20 rules on the feed against the same steps with no rules, runs interleaved,
 * medians compared. The difference is what the rules cost.
 */
import { FeedConfigSchema, type FeedConfig, type RawFeedEvent } from '../src/shared/feed.ts';
import { inspectEvent } from '../src/shared/presentation/normalize.ts';
import { applyRules } from '../src/shared/rules/apply.ts';
import { RuleEngine } from '../src/shared/rules/engine.ts';

const EVENTS = 20_000;
const RUNS = 9;
const PAIRS = [
  'USD/CNY',
  'EUR/USD',
  'GBP/USD',
  'USD/JPY',
  'AUD/USD',
  'USD/CHF',
  'USD/CAD',
  'NZD/USD',
  'EUR/GBP',
  'EUR/JPY',
];

/** Twenty rules of every kind a trader or an on-call engineer writes, the last a catch-all. */
function twentyRules(): unknown[] {
  const rules: unknown[] = [];
  for (const [index, pair] of PAIRS.slice(0, 4).entries()) {
    rules.push({
      name: `${pair} above`,
      conditions: [{ op: 'crossesAbove', field: '/rate', level: 7 + index / 10, per: '/pair' }],
      outcome: { kind: 'notify', severity: 4 },
      message: '{/pair} crossed {/rate}',
    });
    rules.push({
      name: `${pair} below`,
      conditions: [{ op: 'crossesBelow', field: '/rate', level: 6.5 + index / 10, per: '/pair' }],
      outcome: { kind: 'notify', severity: 4 },
    });
  }
  rules.push(
    {
      name: 'Big move',
      conditions: [
        { op: 'changesBy', field: '/rate', amount: 0.5, unit: 'percent', withinMin: 10, per: '/pair' },
      ],
      outcome: { kind: 'notify', severity: 3 },
    },
    {
      name: 'Unit move',
      conditions: [{ op: 'changesBy', field: '', amount: 0.2, unit: 'units', withinMin: 5, direction: 'up' }],
      outcome: { kind: 'mark' },
    },
    {
      name: 'Halted',
      conditions: [{ op: 'equals', field: '/status', value: 'halted' }],
      outcome: { kind: 'notify', severity: 5 },
    },
    {
      name: 'Yen text',
      conditions: [
        { op: 'contains', field: '', value: 'JPY' },
        { op: 'gt', field: '/rate', value: 200 },
      ],
      outcome: { kind: 'notify', severity: 3 },
    },
    {
      name: 'Desk',
      match: 'any',
      conditions: [
        { op: 'matches', field: '/desk', pattern: '^(fx|rates)-(asia|emea)$' },
        { op: 'equals', field: '/source', value: 'manual' },
      ],
      outcome: { kind: 'mark' },
    },
    {
      name: 'Spread wide',
      conditions: [{ op: 'gt', field: '/spread', value: 0.05 }],
      outcome: { kind: 'notify', severity: 3 },
    },
    {
      name: 'Negative',
      conditions: [{ op: 'lt', field: '/rate', value: 0 }],
      outcome: { kind: 'notify', severity: 5 },
    },
    {
      name: 'Test ticks',
      conditions: [{ op: 'matches', field: '/source', pattern: 'test|staging' }],
      outcome: { kind: 'quiet' },
    },
    {
      name: 'CNY and wide',
      conditions: [
        { op: 'contains', field: '/pair', value: 'cny' },
        { op: 'gt', field: '/spread', value: 0.03 },
      ],
      outcome: { kind: 'notify', severity: 3 },
    },
    {
      name: 'Heartbeat',
      conditions: [{ op: 'equals', field: '/type', value: 'heartbeat' }],
      outcome: { kind: 'quiet' },
    },
    { name: 'Otherwise quiet', conditions: [], outcome: { kind: 'quiet' } },
  );
  return rules;
}

function feedWith(rules: unknown[]): FeedConfig {
  return FeedConfigSchema.parse({
    id: 'rates',
    name: 'Rates',
    url: 'http://127.0.0.1:1/',
    mapping: { title: '/pair', value: '/rate' },
    rules,
  });
}

/** Rate ticks: a random walk per pair, 100 ms apart, with the fields the rules read. */
function ticks(): RawFeedEvent[] {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const rates = PAIRS.map(() => 6.5 + random());
  return Array.from({ length: EVENTS }, (_, index) => {
    const pair = index % PAIRS.length;
    rates[pair]! += (random() - 0.5) * 0.02;
    const data = JSON.stringify({
      pair: PAIRS[pair],
      rate: Number(rates[pair]!.toFixed(4)),
      spread: Number((random() * 0.06).toFixed(4)),
      desk: index % 7 === 0 ? 'fx-asia' : 'fx-amer',
      source: 'feed',
      status: 'trading',
    });
    return {
      feedId: 'rates',
      type: 'message',
      id: String(index + 1),
      lastEventId: String(index + 1),
      data,
      receivedAt: 1_700_000_000_000 + index * 100,
    };
  });
}

/** µs per event for the normalize + rules steps over every tick. */
function run(feed: FeedConfig, events: readonly RawFeedEvent[]): { usPerEvent: number; decided: number } {
  const engine = new RuleEngine();
  let decided = 0;
  const start = performance.now();
  for (const [seq, raw] of events.entries()) {
    const { event, doc } = inspectEvent(raw, feed.mapping, seq, feed.severity);
    if (applyRules(engine, feed, event, doc)?.kind === 'notify') decided++;
  }
  return { usPerEvent: ((performance.now() - start) * 1000) / events.length, decided };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface RulesFigures {
  rulesEvalUsPerEvent: number;
  rulesBaselineUsPerEvent: number;
  rulesCostUsPerEvent: number;
  rulesNotifiedTicks: number;
  rulesRuns: number;
  rulesEvents: number;
}

export function benchRules(): RulesFigures {
  const events = ticks();
  const withRules = feedWith(twentyRules());
  const without = feedWith([]);
  run(withRules, events.slice(0, 2000)); // warm the JIT on both paths
  run(without, events.slice(0, 2000));
  const ruled: number[] = [];
  const bare: number[] = [];
  let notified = 0;
  for (let index = 0; index < RUNS; index++) {
    bare.push(run(without, events).usPerEvent);
    const result = run(withRules, events);
    ruled.push(result.usPerEvent);
    notified = result.decided;
  }
  const eval20 = median(ruled);
  const baseline = median(bare);
  return {
    rulesEvalUsPerEvent: round(eval20),
    rulesBaselineUsPerEvent: round(baseline),
    rulesCostUsPerEvent: round(eval20 - baseline),
    rulesNotifiedTicks: notified,
    rulesRuns: RUNS,
    rulesEvents: EVENTS,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
