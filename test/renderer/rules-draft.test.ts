import { describe, expect, test } from 'vitest';
import {
  blankRule,
  draftToRules,
  rulesDraft,
  type RuleDraft,
} from '../../src/renderer/editor/rules-draft.ts';
import { FeedConfigSchema } from '../../src/shared/feed.ts';
import { patternError } from '../../src/shared/rules/regex.ts';

const saved = FeedConfigSchema.parse({
  id: 'rates',
  name: 'Rates',
  url: 'https://rates.example/events',
  mapping: { title: '/pair', value: '/rate' },
  rules: [
    {
      name: 'Crosses 7.20',
      conditions: [{ op: 'crossesAbove', field: '', level: 7.2, per: '/pair' }],
      outcome: { kind: 'notify', severity: 4 },
      message: '{/pair} crossed {value}',
    },
    {
      name: 'Moves',
      match: 'any',
      enabled: false,
      conditions: [
        { op: 'changesBy', field: '/rate', amount: 0.5, withinMin: 10, direction: 'up' },
        { op: 'matches', field: '/note', pattern: '^intervention' },
        { op: 'equals', field: '/status', value: 'halted' },
      ],
      outcome: { kind: 'mark' },
    },
  ],
});

/** The schema's problems with the drafted rules, by field path. */
function problems(rules: RuleDraft[]): Map<string, string> {
  const parsed = FeedConfigSchema.shape.rules.safeParse(draftToRules(rules));
  return new Map((parsed.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
}

describe('the rules draft', () => {
  test('gives back the saved rules unchanged when nothing is edited', () => {
    const roundTrip = FeedConfigSchema.shape.rules.parse(draftToRules(rulesDraft(saved.rules)));
    expect(roundTrip).toEqual(saved.rules);
  });

  test('keeps a re-arm distance, shows 0 as an empty field, and refuses a negative one by its path', () => {
    const [rule] = rulesDraft(saved.rules);
    expect(rule!.conditions[0]!.rearm).toBe('');
    rule!.conditions[0]!.rearm = '0,005';
    const [parsed] = FeedConfigSchema.shape.rules.parse(draftToRules([rule!]));
    expect(parsed!.conditions[0]).toMatchObject({ op: 'crossesAbove', level: 7.2, rearm: 0.005 });
    expect(rulesDraft([parsed!])[0]!.conditions[0]!.rearm).toBe('0.005');
    rule!.conditions[0]!.rearm = '-1';
    expect(problems([rule!])).toEqual(new Map([['0.conditions.0.rearm', 'The distance cannot be negative']]));
  });

  test('reads a decimal comma as a decimal point', () => {
    const [rule] = rulesDraft(saved.rules);
    rule!.conditions[0]!.number = '7,25';
    const [parsed] = FeedConfigSchema.shape.rules.parse(draftToRules([rule!]));
    expect(parsed!.conditions[0]).toMatchObject({ op: 'crossesAbove', level: 7.25 });
  });

  test("names each bad input by its field path, with the schema's sentence for a bad pattern", () => {
    const rules = rulesDraft(saved.rules);
    rules[1]!.conditions[1]!.pattern = '(intervention';
    rules[0]!.conditions[0]!.number = '';
    rules[1]!.conditions[0]!.withinMin = 'ten';
    const found = problems(rules);
    expect([...found.keys()].sort()).toEqual([
      '0.conditions.0.level',
      '1.conditions.0.withinMin',
      '1.conditions.1.pattern',
    ]);
    expect(found.get('1.conditions.1.pattern')).toBe(patternError('(intervention'));
  });

  test('a new rule needs only its level to be valid', () => {
    const rule = blankRule('Rule 1');
    expect([...problems([rule]).keys()]).toEqual(['0.conditions.0.level']);
    rule.conditions[0]!.number = '7.3';
    expect(problems([rule])).toEqual(new Map());
  });
});
