import { describe, expect, it } from 'vitest';
import {
  applyRules,
  RULE_MESSAGE_MAX,
  ruleSubject,
  templateSubject,
} from '../../../src/shared/rules/apply.ts';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import type { Rule } from '../../../src/shared/rules/schema.ts';
import { feedEvent, rule } from './helpers.ts';

const usdCny = { pair: 'USD/CNY', rate: 7.21 };
const fx = (rules: Rule[]) => ({ id: 'fx', name: 'FX rates', rules });
const doc = (value: unknown) => ({ value });

describe('applyRules', () => {
  it('names the rule, fills its message and sets the severity it notifies with', () => {
    const rules = [
      rule({
        name: 'USD/CNY high',
        conditions: [{ op: 'gt', field: '/rate', value: 7.2 }],
        outcome: { kind: 'notify', severity: 5 },
        message: '{/pair} at {/rate} ({feed}, level {severity})',
      }),
    ];
    const event = feedEvent({ severity: 2 });
    expect(applyRules(new RuleEngine(), fx(rules), event, doc(usdCny))).toEqual({
      kind: 'notify',
      severity: 5,
    });
    expect(event.rule).toBe('USD/CNY high');
    expect(event.message).toBe('USD/CNY at 7.21 (FX rates, level 5)');
    expect(event.severity).toBe(5);
  });

  it('quiet and mark keep the event’s severity', () => {
    for (const kind of ['quiet', 'mark'] as const) {
      const event = feedEvent({ severity: 2 });
      const rules = [rule({ name: kind, outcome: { kind } })];
      expect(applyRules(new RuleEngine(), fx(rules), event, doc(usdCny))).toEqual({ kind });
      expect(event.rule).toBe(kind);
      expect(event.severity).toBe(2);
      expect(event.message).toBeUndefined();
    }
  });

  it('with no rules, or none matching, leaves the event alone and returns null', () => {
    const event = feedEvent();
    const before = { ...event };
    expect(applyRules(new RuleEngine(), fx([]), event, doc(usdCny))).toBeNull();
    const rules = [
      rule({ name: 'low', conditions: [{ op: 'lt', field: '/rate', value: 7 }], message: 'low' }),
    ];
    expect(applyRules(new RuleEngine(), fx(rules), event, doc(usdCny))).toBeNull();
    expect(event).toEqual(before);
  });

  it('a blank or absent message leaves the title as the headline', () => {
    for (const message of [null, '   ']) {
      const event = feedEvent();
      applyRules(new RuleEngine(), fx([rule({ name: 'all', message })]), event, doc(usdCny));
      expect(event.rule).toBe('all');
      expect(event.message).toBeUndefined();
    }
  });

  it('makes the message one clean line: no line breaks, controls or bidi overrides', () => {
    const hostile = { pair: 'USD/\u202ECNY\u2066', note: 'line 1\r\nline 2\u2028end\u0000!\t' };
    const event = feedEvent();
    applyRules(
      new RuleEngine(),
      fx([rule({ name: 'all', message: '{/pair}:\n{/note}' })]),
      event,
      doc(hostile),
    );
    expect(event.message).toBe('USD/CNY: line 1 line 2 end !');
  });

  it(`caps the message at ${RULE_MESSAGE_MAX} characters`, () => {
    const event = feedEvent();
    applyRules(
      new RuleEngine(),
      fx([rule({ name: 'all', message: '{/a}{/b}' })]),
      event,
      doc({ a: 'x'.repeat(900), b: 'y'.repeat(900) }),
    );
    expect(event.message).toHaveLength(RULE_MESSAGE_MAX);
    expect(event.message).toBe(`${'x'.repeat(RULE_MESSAGE_MAX - 1)}…`);
  });

  it('shows ? for what the event lacks, and reads plain-text events', () => {
    const event = feedEvent({ title: 'Backup done', value: null, data: 'Backup done' });
    applyRules(
      new RuleEngine(),
      fx([rule({ name: 'all', message: '{title}: {/pair} {value}' })]),
      event,
      undefined,
    );
    expect(event.message).toBe('Backup done: ? ?');
  });

  it('keeps what stateful conditions remember in the engine it is given, per feed', () => {
    const rules = [
      rule({
        name: 'up',
        conditions: [{ op: 'crossesAbove', field: '', level: 7.2 }],
        message: '{title} crossed {value}',
      }),
    ];
    const engine = new RuleEngine();
    const first = feedEvent({ value: 7.1 });
    const second = feedEvent({ id: '2', key: 'fx:2', value: 7.3 });
    expect(applyRules(engine, fx(rules), first, undefined)).toBeNull();
    expect(applyRules(engine, fx(rules), second, undefined)).toEqual({ kind: 'notify', severity: 3 });
    expect(second.message).toBe('USD/CNY crossed 7.3');
  });
});

describe('ruleSubject and templateSubject', () => {
  it('give rules the mapped value in the series of its title, and templates the event’s fields', () => {
    const event = feedEvent({ value: 7.21, receivedAt: 42, link: 'https://fx.example/e/1', severity: 4 });
    expect(ruleSubject(event, doc(usdCny))).toEqual({
      receivedAt: 42,
      title: 'USD/CNY',
      body: '',
      value: 7.21,
      series: 'USD/CNY',
      doc: usdCny,
    });
    expect(ruleSubject(feedEvent(), undefined)).toMatchObject({ value: null, series: null, doc: undefined });
    expect(templateSubject(event, 'FX rates', doc(usdCny))).toEqual({
      doc: usdCny,
      fields: {
        value: 7.21,
        title: 'USD/CNY',
        body: '',
        feed: 'FX rates',
        type: 'message',
        id: '1',
        severity: 4,
        link: 'https://fx.example/e/1',
      },
    });
  });

  it('a JSON document that is null is still a document', () => {
    expect(ruleSubject(feedEvent(), doc(null)).doc).toBeNull();
  });
});
