import { describe, expect, it } from 'vitest';
import { FeedConfigSchema } from '../../../src/shared/feed.ts';
import {
  CONDITION_OPS,
  ConditionSchema,
  FeedActionSchema,
  IncidentConfigSchema,
  MAX_ACTIONS,
  MAX_RULES,
  RuleSchema,
} from '../../../src/shared/rules/schema.ts';

const usdCny = {
  name: 'USD/CNY above 7.20',
  conditions: [{ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' }],
  message: '{/pair} crossed {/rate}',
};
const bigMove = {
  name: 'Big move',
  conditions: [{ op: 'changesBy', field: '/rate', amount: 0.5, withinMin: 10, per: '/pair' }],
  outcome: { kind: 'notify', severity: 4 },
};
const feed = (extra: Record<string, unknown> = {}) => ({
  id: 'fx',
  name: 'FX',
  url: 'https://fx.example/sse',
  ...extra,
});

/** The messages of a refused value, each with its path. */
function refusal(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('FeedConfigSchema with rules, an incident and actions', () => {
  it('accepts the full example and fills in the defaults', () => {
    const config = FeedConfigSchema.parse(
      feed({
        rules: [usdCny, bigMove],
        incident: {
          key: '/alert_id',
          resolvedWhen: { conditions: [{ op: 'equals', field: '/status', value: 'resolved' }] },
        },
        actions: [{ id: 'ack', label: 'Acknowledge', url: 'https://fx.example/ack/{/alert_id}' }],
      }),
    );
    expect(config.rules[0]).toEqual({
      name: 'USD/CNY above 7.20',
      enabled: true,
      match: 'all',
      conditions: [{ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair', rearm: 0 }],
      outcome: { kind: 'notify', severity: 3 },
      message: '{/pair} crossed {/rate}',
    });
    expect(config.rules[1]!.conditions[0]).toEqual({
      op: 'changesBy',
      field: '/rate',
      amount: 0.5,
      unit: 'percent',
      withinMin: 10,
      direction: 'any',
      per: '/pair',
    });
    expect(config.rules[1]!.outcome).toEqual({ kind: 'notify', severity: 4 });
    expect(config.incident.resolvedWhen).toEqual({
      match: 'all',
      conditions: [{ op: 'equals', field: '/status', value: 'resolved' }],
    });
    expect(config.actions[0]).toEqual({
      id: 'ack',
      label: 'Acknowledge',
      method: 'POST',
      url: 'https://fx.example/ack/{/alert_id}',
      body: null,
      contentType: 'application/json',
      allowHost: null,
    });
  });

  it('a feed without them has no rules, no incident tracking and no actions', () => {
    const config = FeedConfigSchema.parse(feed());
    expect(config.rules).toEqual([]);
    expect(config.incident).toEqual({ key: null, resolvedWhen: null });
    expect(config.actions).toEqual([]);
  });

  it(`refuses more than ${MAX_RULES} rules and two actions with one id`, () => {
    const rules = Array.from({ length: MAX_RULES + 1 }, (_, index) => ({ name: `r${index}` }));
    expect(FeedConfigSchema.safeParse(feed({ rules: rules.slice(1) })).success).toBe(true);
    expect(refusal(FeedConfigSchema.safeParse(feed({ rules })))).toEqual([
      `rules: At most ${MAX_RULES} rules`,
    ]);
    const ack = { id: 'ack', label: 'Acknowledge', url: 'https://fx.example/ack' };
    expect(refusal(FeedConfigSchema.safeParse(feed({ actions: [ack, { ...ack, label: 'Again' }] })))).toEqual(
      ['actions: Two actions have the same id'],
    );
    const many = Array.from({ length: MAX_ACTIONS + 1 }, (_, index) => ({ ...ack, id: `a${index}` }));
    expect(refusal(FeedConfigSchema.safeParse(feed({ actions: many })))).toEqual([
      `actions: At most ${MAX_ACTIONS} actions`,
    ]);
  });
});

describe('ConditionSchema', () => {
  it('knows every op and no other', () => {
    expect(CONDITION_OPS).toEqual([
      'equals',
      'contains',
      'matches',
      'gt',
      'lt',
      'crossesAbove',
      'crossesBelow',
      'changesBy',
    ]);
    expect(ConditionSchema.safeParse({ op: 'between', field: '/rate', value: 1 }).success).toBe(false);
    expect(ConditionSchema.safeParse({ op: 'EQUALS', field: '/rate', value: '1' }).success).toBe(false);
  });

  it('refuses levels and values that are not finite numbers', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '7.2']) {
      expect(ConditionSchema.safeParse({ op: 'crossesAbove', field: '/rate', level: bad }).success).toBe(
        false,
      );
      expect(ConditionSchema.safeParse({ op: 'gt', field: '/rate', value: bad }).success).toBe(false);
      expect(
        ConditionSchema.safeParse({ op: 'changesBy', field: '/rate', amount: bad, withinMin: 10 }).success,
      ).toBe(false);
    }
  });

  it('refuses a change of 0 or less, and a window outside 0.1 minutes … a day', () => {
    const change = (amount: number, withinMin: number) =>
      ConditionSchema.safeParse({ op: 'changesBy', field: '/rate', amount, withinMin });
    expect(refusal(change(0, 10))).toEqual(['amount: The change must be more than 0']);
    expect(refusal(change(-1, 10))).toEqual(['amount: The change must be more than 0']);
    expect(refusal(change(1, 0))).toEqual(['withinMin: At least 0.1 minutes']);
    expect(refusal(change(1, 1441))).toEqual(['withinMin: At most 1440 minutes (a day)']);
    expect(change(1e-6, 0.1).success).toBe(true);
    expect(change(1, 1440).success).toBe(true);
  });

  it('refuses a pointer field without its leading /', () => {
    expect(refusal(ConditionSchema.safeParse({ op: 'gt', field: 'rate', value: 1 }))).toEqual([
      'field: A field is a JSON pointer like /rate, or empty for the event itself',
    ]);
    expect(
      refusal(ConditionSchema.safeParse({ op: 'crossesAbove', field: '/rate', level: 1, per: 'pair' })),
    ).toEqual(['per: A field is a JSON pointer like /rate, or empty for the event itself']);
    expect(ConditionSchema.safeParse({ op: 'gt', field: '', value: 1 }).success).toBe(true);
  });

  it('refuses an invalid or over-long pattern with the reason, and empty text to look for', () => {
    expect(refusal(ConditionSchema.safeParse({ op: 'matches', field: '', pattern: '(a' }))).toEqual([
      'pattern: Not a valid regular expression: error parsing regexp: missing closing ): `(?i)(a`',
    ]);
    expect(refusal(ConditionSchema.safeParse({ op: 'matches', field: '', pattern: '' }))[0]).toBe(
      'pattern: Give a pattern',
    );
    expect(ConditionSchema.safeParse({ op: 'matches', field: '', pattern: 'a'.repeat(1001) }).success).toBe(
      false,
    );
    expect(refusal(ConditionSchema.safeParse({ op: 'contains', field: '', value: '' }))).toEqual([
      'value: Give the text to look for',
    ]);
  });
});

describe('RuleSchema', () => {
  it('refuses a nameless rule and more than 10 conditions', () => {
    expect(refusal(RuleSchema.safeParse({ name: '  ' }))).toEqual(['name: Give the rule a name']);
    const conditions = Array.from({ length: 11 }, () => ({ op: 'gt', field: '', value: 1 }));
    expect(refusal(RuleSchema.safeParse({ name: 'many', conditions }))).toEqual([
      'conditions: At most 10 conditions',
    ]);
    expect(RuleSchema.safeParse({ name: 'ten', conditions: conditions.slice(1) }).success).toBe(true);
  });

  it('refuses an unknown outcome or severity', () => {
    expect(RuleSchema.safeParse({ name: 'x', outcome: { kind: 'shout' } }).success).toBe(false);
    expect(RuleSchema.safeParse({ name: 'x', outcome: { kind: 'notify', severity: 6 } }).success).toBe(false);
    expect(RuleSchema.parse({ name: 'x', outcome: { kind: 'quiet' } }).outcome).toEqual({ kind: 'quiet' });
  });
});

describe('IncidentConfigSchema and FeedActionSchema', () => {
  it('an incident key is a pointer', () => {
    expect(refusal(IncidentConfigSchema.safeParse({ key: 'alert_id' }))).toEqual([
      'key: An incident key is a JSON pointer like /alert_id',
    ]);
  });

  it('allowHost is a host and port, never a path or an address', () => {
    const action = (allowHost: string) =>
      FeedActionSchema.safeParse({ id: 'ack', label: 'Ack', url: 'https://h/ack', allowHost });
    expect(action('hooks.example.com').success).toBe(true);
    expect(action('hooks.example.com:8443').success).toBe(true);
    for (const bad of [
      'hooks.example.com/path',
      'https://hooks.example.com',
      'user@hooks.example.com',
      'h:123456',
    ]) {
      expect(refusal(action(bad))).toEqual(['allowHost: A host name, with an optional :port']);
    }
  });

  it('refuses a bad id, an empty URL or a made-up media type', () => {
    const base = { id: 'ack', label: 'Ack', url: 'https://h/ack' };
    expect(refusal(FeedActionSchema.safeParse({ ...base, id: 'a b' }))).toEqual([
      'id: An action id uses letters, digits, - and _ only',
    ]);
    expect(refusal(FeedActionSchema.safeParse({ ...base, url: '' }))).toEqual([
      'url: Give the address the action calls',
    ]);
    expect(refusal(FeedActionSchema.safeParse({ ...base, contentType: 'json\r\nX: 1' }))).toEqual([
      'contentType: Not a media type',
    ]);
    expect(FeedActionSchema.safeParse({ ...base, method: 'TRACE' }).success).toBe(false);
  });
});
