import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/feed.ts';
import { FeedConfigSchema } from '../../../src/shared/feed.ts';
import {
  previewRules,
  RULES_PREVIEW_FIRED_MAX,
  RulesPreviewRequestSchema,
} from '../../../src/shared/rules/preview.ts';

const START_MS = 1_700_000_000_000;

/** Stored rate events as history keeps them: one a minute, oldest first. */
function rates(values: readonly number[], pair = 'USD/CNY', from = 0): FeedEvent[] {
  return values.map((rate, index) => ({
    feedId: 'rates',
    type: 'message',
    id: String(from + index + 1),
    data: JSON.stringify({ pair, rate }),
    receivedAt: START_MS + (from + index) * 60_000,
    key: `rates:${from + index + 1}`,
    title: pair,
    body: '',
    link: null,
    value: rate,
    severity: 3,
    decision: 'notified',
  }));
}

/** The feed with draft rules, through the schema as main validates them. */
function feed(rules: unknown[]) {
  return FeedConfigSchema.parse({
    id: 'rates',
    name: 'Rates',
    url: 'http://127.0.0.1:9/rates',
    mapping: { title: '/pair', value: '/rate' },
    rules,
  });
}

const crossesAbove = {
  name: 'Above 7.20',
  conditions: [{ op: 'crossesAbove', field: '', level: 7.2 }],
  outcome: { kind: 'notify', severity: 4 },
  message: '{/pair} crossed {value}',
};

describe('previewRules', () => {
  it('counts a rate that crosses 7.20 twice as two notifications, newest first', () => {
    const events = rates([7.1, 7.15, 7.21, 7.18, 7.25, 7.3]);
    const preview = previewRules(feed([crossesAbove]), events);
    expect(preview).toMatchObject({ total: 6, notify: 2, quiet: 0, marked: 0, unmatched: 4 });
    expect(preview.perRule).toEqual([{ index: 0, name: 'Above 7.20', count: 2 }]);
    expect(preview.fired.map((fired) => [fired.key, fired.value, fired.message, fired.severity])).toEqual([
      ['rates:5', 7.25, 'USD/CNY crossed 7.25', 4],
      ['rates:3', 7.21, 'USD/CNY crossed 7.21', 4],
    ]);
    expect(preview.fired[0]).toMatchObject({ rule: 'Above 7.20', ruleIndex: 0, outcome: 'notify' });
    expect([preview.fromMs, preview.toMs]).toEqual([START_MS, START_MS + 5 * 60_000]);
  });

  it('lets the first matching rule decide, counting quiet and marked per rule', () => {
    const events = rates([7.1, 7.15, 7.21, 7.18, 7.25, 7.3]);
    const preview = previewRules(
      feed([
        crossesAbove,
        { name: 'High', conditions: [{ op: 'gt', field: '/rate', value: 7.2 }], outcome: { kind: 'mark' } },
        { name: 'Rest', conditions: [], outcome: { kind: 'quiet' } },
      ]),
      events,
    );
    // 7.21 and 7.25 cross (rule 1); 7.30 is above without crossing (rule 2); the rest are quiet.
    expect(preview).toMatchObject({ total: 6, notify: 2, marked: 1, quiet: 3, unmatched: 0 });
    expect(preview.perRule.map((rule) => rule.count)).toEqual([2, 1, 3]);
    expect(preview.fired.map((fired) => [fired.rule, fired.outcome, fired.message])).toEqual([
      ['High', 'mark', null],
      ['Above 7.20', 'notify', 'USD/CNY crossed 7.25'],
      ['Above 7.20', 'notify', 'USD/CNY crossed 7.21'],
    ]);
  });

  it('judges crossings per series and from the first previewed event on', () => {
    const perPair = { ...crossesAbove, conditions: [{ ...crossesAbove.conditions[0], per: '/pair' }] };
    // EUR/CNY starts above the level: with no value before it, that is no crossing.
    const events = [...rates([7.1, 7.3], 'USD/CNY'), ...rates([7.8, 7.9], 'EUR/CNY', 2)];
    const preview = previewRules(feed([perPair]), events);
    expect(preview.notify).toBe(1);
    expect(preview.fired[0]?.message).toBe('USD/CNY crossed 7.3');
  });

  it('keeps only the newest fired events', () => {
    const values = Array.from({ length: 1000 }, (_, index) => (index % 2 === 0 ? 7.1 : 7.3));
    const preview = previewRules(feed([crossesAbove]), rates(values));
    expect(preview.notify).toBe(500);
    expect(preview.fired).toHaveLength(RULES_PREVIEW_FIRED_MAX);
    expect(preview.fired[0]?.key).toBe('rates:1000');
    expect(preview.fired.at(-1)?.key).toBe(`rates:${1000 - 2 * (RULES_PREVIEW_FIRED_MAX - 1)}`);
  });

  it('says nothing fired over a feed without stored events', () => {
    expect(previewRules(feed([crossesAbove]), [])).toMatchObject({
      total: 0,
      notify: 0,
      unmatched: 0,
      fired: [],
      fromMs: null,
    });
  });

  it('refuses a draft with a bad pattern or too many rules, in words', () => {
    const badPattern = RulesPreviewRequestSchema.safeParse({
      feedId: 'rates',
      rules: [{ name: 'x', conditions: [{ op: 'matches', field: '', pattern: '(' }] }],
    });
    expect(badPattern.success).toBe(false);
    expect(badPattern.error?.issues[0]?.path).toEqual(['rules', 0, 'conditions', 0, 'pattern']);
    const tooMany = RulesPreviewRequestSchema.safeParse({
      feedId: 'rates',
      rules: Array.from({ length: 51 }, (_, index) => ({ name: `r${index}` })),
    });
    expect(tooMany.error?.issues[0]?.message).toBe('At most 50 rules');
  });

  it('stops when its time budget is gone, says how many events it did not reach, and what each cost', () => {
    const values = Array.from({ length: 1000 }, (_, index) => 7.1 + (index % 4) * 0.05);
    let now = 0;
    // A fake clock that moves 1 ms per read: the budget of 10 ms runs out after some 250 events.
    const budget = { now: () => now++, ms: 10 };
    const preview = previewRules(feed([crossesAbove]), rates(values), budget);
    expect(preview.skipped).toBeGreaterThan(0);
    expect(preview.total + preview.skipped!).toBe(1000);
    expect(preview.total).toBeLessThan(400);
    expect(preview.notify + preview.quiet + preview.marked + preview.unmatched).toBe(preview.total);
    expect(preview.usPerEvent).toBeGreaterThan(0);

    const unhurried = previewRules(feed([crossesAbove]), rates(values), { now: () => 0, ms: 10 });
    expect(unhurried.skipped).toBeUndefined();
    expect(unhurried.total).toBe(1000);
  });
});
