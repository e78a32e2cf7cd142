import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import { fires, only, rule, subject } from './helpers.ts';

/** Whether a single-condition rule matches one fresh subject. */
const matches = (
  input: Parameters<typeof only>[0],
  doc: unknown,
  over: Parameters<typeof subject>[1] = {},
): boolean => fires(new RuleEngine(), only(input), [subject(doc, over)])[0]!;

describe('equals', () => {
  it('is exact and case-sensitive', () => {
    const status = { op: 'equals', field: '/status', value: 'resolved' } as const;
    expect(matches(status, { status: 'resolved' })).toBe(true);
    expect(matches(status, { status: 'Resolved' })).toBe(false);
    expect(matches(status, { status: 'resolved ' })).toBe(false);
    expect(matches(status, { status: 'unresolved' })).toBe(false);
    expect(matches(status, {})).toBe(false);
    expect(matches(status, { status: null })).toBe(false);
  });

  it('compares a number or boolean by its text, and an object by its compact JSON', () => {
    expect(matches({ op: 'equals', field: '/code', value: '503' }, { code: 503 })).toBe(true);
    expect(matches({ op: 'equals', field: '/code', value: '503' }, { code: '503' })).toBe(true);
    expect(matches({ op: 'equals', field: '/code', value: '503.0' }, { code: 503 })).toBe(false);
    expect(matches({ op: 'equals', field: '/rate', value: '7.2' }, { rate: 7.2 })).toBe(true);
    expect(matches({ op: 'equals', field: '/up', value: 'false' }, { up: false })).toBe(true);
    expect(matches({ op: 'equals', field: '/tags', value: '["a",1]' }, { tags: ['a', 1] })).toBe(true);
  });

  it('reads the title and body, one per line, for the empty field', () => {
    const input = { op: 'equals', field: '', value: 'Disk full\n/var at 99%' } as const;
    expect(matches(input, undefined, { title: 'Disk full', body: '/var at 99%' })).toBe(true);
    expect(matches(input, undefined, { title: 'Disk full', body: '' })).toBe(false);
  });

  it('an empty value matches an empty string, not a missing field', () => {
    expect(matches({ op: 'equals', field: '/note', value: '' }, { note: '' })).toBe(true);
    expect(matches({ op: 'equals', field: '/note', value: '' }, {})).toBe(false);
  });
});

describe('contains', () => {
  it('ignores case on both sides', () => {
    const input = { op: 'contains', field: '/msg', value: 'DiSk' } as const;
    expect(matches(input, { msg: 'the disk is full' })).toBe(true);
    expect(matches(input, { msg: 'DISK FULL' })).toBe(true);
    expect(matches(input, { msg: 'dusk' })).toBe(false);
    expect(matches(input, {})).toBe(false);
  });

  it('searches title and body for the empty field', () => {
    const input = { op: 'contains', field: '', value: 'urgent' } as const;
    expect(matches(input, undefined, { title: 'Server', body: 'URGENT: restart' })).toBe(true);
    expect(matches(input, undefined, { title: 'Urgent', body: '' })).toBe(true);
    expect(matches(input, undefined, { title: 'Server', body: 'ok' })).toBe(false);
  });

  it('finds text across the title and body only through their line break', () => {
    expect(matches({ op: 'contains', field: '', value: 'a\nb' }, undefined, { title: 'a', body: 'b' })).toBe(
      true,
    );
    expect(matches({ op: 'contains', field: '', value: 'ab' }, undefined, { title: 'a', body: 'b' })).toBe(
      false,
    );
  });
});

describe('matches', () => {
  it('uses RE2 syntax and ignores case by default', () => {
    const input = { op: 'matches', field: '/msg', pattern: '^disk (\\d+)% full$' } as const;
    expect(matches(input, { msg: 'DISK 99% FULL' })).toBe(true);
    expect(matches(input, { msg: 'disk 99% full!' })).toBe(false);
    expect(matches({ op: 'matches', field: '/msg', pattern: '\\bERR\\w*' }, { msg: 'an error' })).toBe(true);
  });

  it('(?-i) makes the pattern exact', () => {
    const input = { op: 'matches', field: '/msg', pattern: '(?-i)ERROR' } as const;
    expect(matches(input, { msg: 'ERROR 5' })).toBe(true);
    expect(matches(input, { msg: 'error 5' })).toBe(false);
  });

  it('searches an empty text when the field is missing', () => {
    expect(matches({ op: 'matches', field: '/msg', pattern: '^$' }, {})).toBe(true);
    expect(matches({ op: 'matches', field: '/msg', pattern: '.' }, {})).toBe(false);
  });
});

describe('gt and lt', () => {
  it('read the mapped value for the empty field', () => {
    expect(matches({ op: 'gt', field: '', value: 7.2 }, undefined, { value: 7.21 })).toBe(true);
    expect(matches({ op: 'gt', field: '', value: 7.2 }, undefined, { value: 7.2 })).toBe(false);
    expect(matches({ op: 'lt', field: '', value: 7.2 }, undefined, { value: 7.19 })).toBe(true);
    expect(matches({ op: 'lt', field: '', value: 7.2 }, undefined, { value: 7.2 })).toBe(false);
    expect(matches({ op: 'gt', field: '', value: -1 }, undefined, { value: null })).toBe(false);
    expect(matches({ op: 'lt', field: '', value: 1 }, undefined, { value: null })).toBe(false);
  });

  it('read a number or decimal text at a pointer', () => {
    expect(matches({ op: 'gt', field: '/rate', value: 7.2 }, { rate: 7.21 })).toBe(true);
    expect(matches({ op: 'gt', field: '/rate', value: 7.2 }, { rate: '7.21' })).toBe(true);
    expect(matches({ op: 'gt', field: '/rate', value: 7.2 }, { rate: ' 7.21 ' })).toBe(true);
    expect(matches({ op: 'lt', field: '/rate', value: 0 }, { rate: '-1e-3' })).toBe(true);
    expect(matches({ op: 'lt', field: '/data/0/rate', value: 8 }, { data: [{ rate: '7.21' }] })).toBe(true);
  });

  it('are false for text that is not a decimal number', () => {
    for (const rate of ['7,21', '0x10', 'seven', '', '7.21%', true, [7.21], { v: 7.21 }, null]) {
      expect(matches({ op: 'gt', field: '/rate', value: -1e9 }, { rate })).toBe(false);
      expect(matches({ op: 'lt', field: '/rate', value: 1e9 }, { rate })).toBe(false);
    }
    expect(matches({ op: 'gt', field: '/rate', value: 0 }, {})).toBe(false);
    expect(matches({ op: 'gt', field: '/rate', value: 0 }, undefined)).toBe(false);
  });

  it('never see a mapped value that is NaN or Infinity', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(matches({ op: 'gt', field: '', value: -1e9 }, undefined, { value })).toBe(false);
      expect(matches({ op: 'lt', field: '', value: 1e9 }, undefined, { value })).toBe(false);
    }
    // Nor does a crossing remember one: 7.1 → NaN → 7.3 still crosses.
    const crossing = only({ op: 'crossesAbove', field: '', level: 7.2 });
    const values = [7.1, Number.NaN, 7.3].map((value) => subject(undefined, { value, series: 'r' }));
    expect(fires(new RuleEngine(), crossing, values)).toEqual([false, false, true]);
  });

  it('never see NaN or Infinity, whichever way they are written', () => {
    const huge = JSON.parse('{"rate": 1e999, "neg": -1e999}') as unknown;
    expect(matches({ op: 'gt', field: '/rate', value: 0 }, huge)).toBe(false);
    expect(matches({ op: 'lt', field: '/neg', value: 0 }, huge)).toBe(false);
    for (const rate of ['NaN', 'Infinity', '-Infinity', '1e999']) {
      expect(matches({ op: 'gt', field: '/rate', value: -1e9 }, { rate })).toBe(false);
      expect(matches({ op: 'lt', field: '/rate', value: 1e9 }, { rate })).toBe(false);
    }
  });
});

describe('groups', () => {
  const critical = { op: 'equals', field: '/level', value: 'critical' } as const;
  const disk = { op: 'contains', field: '/msg', value: 'disk' } as const;
  const cases = [
    { doc: { level: 'critical', msg: 'disk full' }, all: true, any: true },
    { doc: { level: 'critical', msg: 'cpu hot' }, all: false, any: true },
    { doc: { level: 'info', msg: 'disk full' }, all: false, any: true },
    { doc: { level: 'info', msg: 'cpu hot' }, all: false, any: false },
  ];

  it.each(cases)('all and any of $doc', ({ doc, all, any }) => {
    const both = (match: 'all' | 'any') => rule({ name: match, match, conditions: [critical, disk] });
    expect(fires(new RuleEngine(), both('all'), [subject(doc)])).toEqual([all]);
    expect(fires(new RuleEngine(), both('any'), [subject(doc)])).toEqual([any]);
  });

  it('a rule with no conditions matches every event, JSON or not', () => {
    const catchAll = rule({ name: 'everything' });
    expect(catchAll.conditions).toEqual([]);
    const engine = new RuleEngine();
    expect(
      fires(engine, catchAll, [subject({}), subject(undefined), subject('text', { title: 'x' })]),
    ).toEqual([true, true, true]);
    expect(fires(engine, rule({ name: 'any, empty', match: 'any' }), [subject({})])).toEqual([true]);
  });

  it('any: a firing crossing is enough, and a stateless test is enough without one', () => {
    const group = rule({
      name: 'mixed',
      match: 'any',
      conditions: [
        { op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' },
        { op: 'equals', field: '/pair', value: 'EUR/USD' },
      ],
    });
    const engine = new RuleEngine();
    const events = [
      { pair: 'USD/CNY', rate: 7.1 },
      { pair: 'USD/CNY', rate: 7.3 },
      { pair: 'EUR/USD', rate: 1.1 },
      { pair: 'USD/CNY', rate: 7.4 },
    ];
    expect(
      fires(
        engine,
        group,
        events.map((doc) => subject(doc)),
      ),
    ).toEqual([false, true, true, false]);
  });

  it('all: a crossing counts only with the other conditions', () => {
    const group = rule({
      name: 'USD/CNY up',
      conditions: [
        { op: 'equals', field: '/pair', value: 'USD/CNY' },
        { op: 'crossesAbove', field: '/rate', level: 7.2 },
      ],
    });
    const engine = new RuleEngine();
    const events = [
      { pair: 'EUR/USD', rate: 7.1 },
      { pair: 'EUR/USD', rate: 7.3 },
      { pair: 'USD/CNY', rate: 7.1 },
      { pair: 'USD/CNY', rate: 7.3 },
    ];
    expect(
      fires(
        engine,
        group,
        events.map((doc) => subject(doc)),
      ),
    ).toEqual([false, false, false, true]);
  });
});
