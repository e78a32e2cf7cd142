import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import { decide, fires, only, rate, rule, subject } from './helpers.ts';

const parse = (json: string): unknown => JSON.parse(json) as unknown;

describe('hostile event data', () => {
  it('__proto__ and constructor are series like any other', () => {
    const rules = [only({ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' })];
    const events = [
      rate('__proto__', 7.1),
      rate('constructor', 7.1),
      rate('toString', 7.4),
      rate('__proto__', 7.3),
      rate('constructor', 7.3),
    ];
    expect(decide(new RuleEngine(), rules, events)).toEqual([null, null, null, 0, 0]);
  });

  it('__proto__ and constructor as pointers find only the event’s own keys', () => {
    const own = parse('{"__proto__": "7.5", "constructor": "ctor"}');
    expect(Object.hasOwn(own as object, '__proto__')).toBe(true);
    expect(
      fires(new RuleEngine(), only({ op: 'gt', field: '/__proto__', value: 7 }), [subject(own)]),
    ).toEqual([true]);
    expect(
      fires(new RuleEngine(), only({ op: 'equals', field: '/constructor', value: 'ctor' }), [subject(own)]),
    ).toEqual([true]);
    for (const field of ['/__proto__', '/constructor', '/toString', '/constructor/name']) {
      const plain = subject({ rate: 1 });
      expect(fires(new RuleEngine(), only({ op: 'contains', field, value: 'o' }), [plain])).toEqual([false]);
      expect(fires(new RuleEngine(), only({ op: 'matches', field, pattern: '.' }), [plain])).toEqual([false]);
      expect(
        fires(new RuleEngine(), only({ op: 'crossesAbove', field, level: 0, per: field }), [plain, plain]),
      ).toEqual([false, false]);
    }
  });

  it('NUL in text is text', () => {
    const doc = { msg: 'a\u0000b' };
    expect(
      fires(new RuleEngine(), only({ op: 'equals', field: '/msg', value: 'a\u0000b' }), [subject(doc)]),
    ).toEqual([true]);
    expect(
      fires(new RuleEngine(), only({ op: 'contains', field: '/msg', value: '\u0000' }), [subject(doc)]),
    ).toEqual([true]);
    expect(
      fires(new RuleEngine(), only({ op: 'matches', field: '/msg', pattern: 'a\\x00b' }), [subject(doc)]),
    ).toEqual([true]);
    expect(
      fires(new RuleEngine(), only({ op: 'equals', field: '/msg', value: 'ab' }), [subject(doc)]),
    ).toEqual([false]);
  });

  it('reads the first 64 KiB of a huge string', () => {
    const doc = { msg: `${'x'.repeat(64 * 1024 - 6)}needle${'y'.repeat(200_000)}needle-late` };
    expect(
      fires(new RuleEngine(), only({ op: 'contains', field: '/msg', value: 'needle' }), [subject(doc)]),
    ).toEqual([true]);
    expect(
      fires(new RuleEngine(), only({ op: 'contains', field: '/msg', value: 'late' }), [subject(doc)]),
    ).toEqual([false]);
    expect(
      fires(new RuleEngine(), only({ op: 'matches', field: '/msg', pattern: 'needle$' }), [subject(doc)]),
    ).toEqual([true]);
    expect(
      fires(new RuleEngine(), only({ op: 'matches', field: '/msg', pattern: 'late' }), [subject(doc)]),
    ).toEqual([false]);
    const long = 'z'.repeat(1000);
    expect(
      fires(new RuleEngine(), only({ op: 'equals', field: '/msg', value: long }), [
        subject({ msg: long + 'z' }),
      ]),
    ).toEqual([false]);
  });

  it('a huge series name is cut, so two long names with one start share a series', () => {
    const rules = [only({ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' })];
    const start = 'P'.repeat(300);
    expect(decide(new RuleEngine(), rules, [rate(`${start}A`, 7.1), rate(`${start}B`, 7.3)])).toEqual([
      null,
      0,
    ]);
  });

  it('data that is not JSON fails every pointer test and passes the event’s own', () => {
    const text = subject(undefined, { title: 'rate 7.3', body: 'plain text' });
    const rules = [
      only({ op: 'equals', field: '/rate', value: '7.3' }),
      only({ op: 'gt', field: '/rate', value: 0 }),
      only({ op: 'matches', field: '/rate', pattern: '^$' }),
      only({ op: 'contains', field: '', value: 'PLAIN' }),
    ];
    expect(decide(new RuleEngine(), rules, [text])).toEqual([2]);
    expect(decide(new RuleEngine(), rules.slice(3), [text])).toEqual([0]);
  });

  it('JSON that is a bare string, number or null has nothing under a pointer', () => {
    for (const doc of ['7.3', 7.3, null, [7.3]]) {
      expect(fires(new RuleEngine(), only({ op: 'gt', field: '/rate', value: 0 }), [subject(doc)])).toEqual([
        false,
      ]);
    }
    expect(fires(new RuleEngine(), only({ op: 'gt', field: '/0', value: 0 }), [subject([7.3])])).toEqual([
      true,
    ]);
  });

  it('a rule with every kind of condition never throws on odd values', () => {
    const everything = rule({
      name: 'all of them',
      match: 'any',
      conditions: [
        { op: 'equals', field: '/x', value: 'x' },
        { op: 'contains', field: '/x', value: 'x' },
        { op: 'matches', field: '/x', pattern: 'x' },
        { op: 'gt', field: '/x', value: 0 },
        { op: 'lt', field: '/x', value: 0 },
        { op: 'crossesAbove', field: '/x', level: 0, per: '/x' },
        { op: 'crossesBelow', field: '/x', level: 0, per: '/x' },
        { op: 'changesBy', field: '/x', amount: 1, withinMin: 1, per: '/x' },
      ],
    });
    const odd = [
      true,
      false,
      null,
      '',
      '\u0000',
      '\ud800',
      [],
      {},
      [[]],
      { x: { x: 1 } },
      -0,
      1e308,
      '1e309',
      'x'.repeat(70_000),
    ];
    const engine = new RuleEngine();
    for (const x of odd) expect(() => engine.evaluate('odd', [everything], subject({ x }))).not.toThrow();
    expect(engine.evaluate('odd', [everything], subject({ x: 'x' }))?.index).toBe(0);
    expect(engine.evaluate('odd', [everything], subject({ x: 'y' }))).toBeNull();
  });
});

describe('deeply nested JSON', () => {
  const depth = 20_000;
  const nested = JSON.parse(`{"pair": ${'['.repeat(depth)}${']'.repeat(depth)}, "rate": 7.3}`) as unknown;

  it('text tests on it are false, not a thrown RangeError', () => {
    const engine = new RuleEngine();
    for (const test of [
      only({ op: 'equals', field: '/pair', value: '[]' }),
      only({ op: 'contains', field: '/pair', value: '[' }),
      only({ op: 'matches', field: '/pair', pattern: '\\[' }),
    ]) {
      expect(engine.evaluate('deep', [test], subject(nested))).toBeNull();
    }
  });

  it('as a series name it is like a missing one', () => {
    const rules = [only({ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' })];
    const engine = new RuleEngine();
    // Too deep to write out, it names no series, like an event without /pair.
    expect(decide(engine, rules, [subject({ rate: 7.1 }), subject(nested)])).toEqual([null, 0]);
  });
});
