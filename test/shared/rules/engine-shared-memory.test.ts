import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import { ConditionGroupSchema } from '../../../src/shared/rules/schema.ts';
import { decide, rate, rule } from './helpers.ts';

describe('the same condition in two places', () => {
  const crossing = { op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' } as const;

  it('each rule catches the crossing, even when the earlier one does not match', () => {
    const rules = [
      rule({
        name: 'EUR/USD up',
        conditions: [crossing, { op: 'equals', field: '/pair', value: 'EUR/USD' }],
      }),
      rule({ name: 'any pair up', conditions: [crossing] }),
    ];
    // Rule 1's crossing fires on 7.1 → 7.3 but its pair does not match: rule 2 must still see 7.1 → 7.3.
    expect(decide(new RuleEngine(), rules, [rate('USD/CNY', 7.1), rate('USD/CNY', 7.3)])).toEqual([null, 1]);
  });

  it('twice in one group both fire', () => {
    const rules = [rule({ name: 'twice', conditions: [crossing, crossing] })];
    expect(decide(new RuleEngine(), rules, [rate('USD/CNY', 7.1), rate('USD/CNY', 7.3)])).toEqual([null, 0]);
  });

  it('a changesBy window is not fed the same value twice', () => {
    const change = { op: 'changesBy', field: '/rate', amount: 0.5, unit: 'units', withinMin: 10 } as const;
    const rules = [
      rule({ name: 'quiet pair', conditions: [change, { op: 'equals', field: '/pair', value: 'none' }] }),
      rule({ name: 'moves', conditions: [change] }),
    ];
    const events = [rate('USD/CNY', 7.2, 0), rate('USD/CNY', 7.7, 1), rate('USD/CNY', 7.2, 2)];
    expect(decide(new RuleEngine(), rules, events)).toEqual([null, 1, 1]);
  });

  it("an incident's resolved-when keeps its own memory beside the rules", () => {
    const down = { op: 'crossesBelow', field: '/rate', level: 7.2 } as const;
    const rules = [rule({ name: 'down', conditions: [down] })];
    const resolved = ConditionGroupSchema.parse({ conditions: [down] });
    const engine = new RuleEngine();
    // The pipeline runs the rules, then asks whether the incident resolved, for each event.
    const seen = [7.3, 7.1].map((value) => {
      const event = rate('USD/CNY', value);
      return [engine.evaluate('fx', rules, event)?.index ?? null, engine.holds('fx', resolved, event)];
    });
    expect(seen).toEqual([
      [null, false],
      [0, true],
    ]);
  });
});
