import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import { ConditionGroupSchema } from '../../../src/shared/rules/schema.ts';
import { decide, only, rate, rule, subject } from './helpers.ts';

const crossesAbove = { op: 'crossesAbove', field: '/rate', level: 7.2 } as const;

describe('rule order', () => {
  it('the first enabled rule that matches decides, and names its place in the list', () => {
    const rules = [
      only({ op: 'equals', field: '/pair', value: 'EUR/USD' }),
      only({ op: 'gt', field: '/rate', value: 7 }),
      rule({ name: 'catch-all' }),
    ];
    const engine = new RuleEngine();
    expect(decide(engine, rules, [rate('EUR/USD', 8), rate('USD/CNY', 8), rate('USD/CNY', 6)])).toEqual([
      0, 1, 2,
    ]);
    const verdict = engine.evaluate('fx', rules, rate('USD/CNY', 8));
    expect(verdict?.rule).toBe(rules[1]);
  });

  it('no rules, or none matching, decide nothing', () => {
    const engine = new RuleEngine();
    expect(engine.evaluate('fx', [], rate('USD/CNY', 8))).toBeNull();
    expect(decide(engine, [only({ op: 'gt', field: '/rate', value: 9 })], [rate('USD/CNY', 8)])).toEqual([
      null,
    ]);
  });

  it('a later rule observes every event, so it catches a crossing while an earlier rule matched before', () => {
    const rules = [only({ op: 'lt', field: '/rate', value: 7.2 }, { name: 'below' }), only(crossesAbove)];
    const events = [rate('USD/CNY', 7.0), rate('USD/CNY', 7.1), rate('USD/CNY', 7.3), rate('USD/CNY', 7.4)];
    // Rule 1 decides the first two; rule 2 saw 7.1 all the same, so 7.1 → 7.3 is its crossing.
    expect(decide(new RuleEngine(), rules, events)).toEqual([0, 0, 1, null]);
  });

  it('a stateful rule after a matching rule keeps observing even while it never decides', () => {
    const rules = [rule({ name: 'everything' }), only(crossesAbove)];
    const engine = new RuleEngine();
    expect(decide(engine, rules, [rate('USD/CNY', 7.1), rate('USD/CNY', 7.3)])).toEqual([0, 0]);
    // Without the catch-all, the same engine knows 7.3 was the last value: 7.3 → 7.4 is no crossing.
    expect(
      decide(engine, [rules[1]!], [rate('USD/CNY', 7.4), rate('USD/CNY', 7.1), rate('USD/CNY', 7.3)]),
    ).toEqual([null, null, 0]);
  });

  it('disabled rules neither decide nor observe', () => {
    const engine = new RuleEngine();
    const off = [only(crossesAbove, { enabled: false }), rule({ name: 'everything', enabled: false })];
    expect(decide(engine, off, [rate('USD/CNY', 7.1), rate('USD/CNY', 7.3)])).toEqual([null, null]);
    // Turned on (a new settings object), the crossing rule starts from nothing: 7.1 was never seen.
    const on = [only(crossesAbove)];
    expect(decide(engine, on, [rate('USD/CNY', 7.1), rate('USD/CNY', 7.3)])).toEqual([null, 0]);
  });

  it('keeps what conditions remember when the settings are loaded again as new objects', () => {
    const engine = new RuleEngine();
    expect(decide(engine, [only(crossesAbove)], [rate('USD/CNY', 7.1)])).toEqual([null]);
    expect(decide(engine, [only(crossesAbove)], [rate('USD/CNY', 7.3)])).toEqual([0]);
  });

  it('forget(feedId) drops one feed’s memory and no other’s', () => {
    const engine = new RuleEngine();
    const rules = [only(crossesAbove)];
    decide(engine, rules, [rate('USD/CNY', 7.1)], 'a');
    decide(engine, rules, [rate('USD/CNY', 7.1)], 'b');
    engine.forget('a');
    engine.forget('never-seen');
    expect(decide(engine, rules, [rate('USD/CNY', 7.3)], 'a')).toEqual([null]);
    expect(decide(engine, rules, [rate('USD/CNY', 7.3)], 'b')).toEqual([0]);
  });
});

describe('RuleEngine.holds', () => {
  it('tells whether a resolved-when group holds', () => {
    const resolved = ConditionGroupSchema.parse({
      match: 'any',
      conditions: [
        { op: 'equals', field: '/status', value: 'resolved' },
        { op: 'matches', field: '/status', pattern: '^(ok|closed)$' },
      ],
    });
    const engine = new RuleEngine();
    expect(engine.holds('alerts', resolved, subject({ status: 'resolved' }))).toBe(true);
    expect(engine.holds('alerts', resolved, subject({ status: 'CLOSED' }))).toBe(true);
    expect(engine.holds('alerts', resolved, subject({ status: 'firing' }))).toBe(false);
    expect(engine.holds('alerts', resolved, subject(undefined, { title: 'resolved' }))).toBe(false);
  });

  it('an empty group always holds', () => {
    expect(new RuleEngine().holds('alerts', ConditionGroupSchema.parse({}), subject({}))).toBe(true);
  });

  it('remembers stateful conditions between events', () => {
    const recovered = ConditionGroupSchema.parse({
      conditions: [{ op: 'crossesBelow', field: '/load', level: 0.8 }],
    });
    const engine = new RuleEngine();
    const load = (value: number) => engine.holds('hosts', recovered, subject({ load: value }));
    expect([load(0.95), load(0.9), load(0.5), load(0.4), load(0.9), load(0.7)]).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });
});
