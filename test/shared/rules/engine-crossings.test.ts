import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import { fires, only, point, rate, subject } from './helpers.ts';

const above = (per: string | null = null) => only({ op: 'crossesAbove', field: '/rate', level: 7.2, per });
const below = (per: string | null = null) => only({ op: 'crossesBelow', field: '/rate', level: 7.2, per });
const rates = (...values: number[]) => values.map((value) => rate('USD/CNY', value));

describe('crossesAbove and crossesBelow', () => {
  it('never fire on the first value, however far past the level it is', () => {
    expect(fires(new RuleEngine(), above(), rates(9))).toEqual([false]);
    expect(fires(new RuleEngine(), below(), rates(1))).toEqual([false]);
  });

  it('fire once per crossing, not while the value stays past the level', () => {
    expect(fires(new RuleEngine(), above(), rates(7.1, 7.3, 7.4, 7.5))).toEqual([false, true, false, false]);
    expect(fires(new RuleEngine(), below(), rates(7.3, 7.1, 7.0, 6.9))).toEqual([false, true, false, false]);
  });

  it('count touching the level as crossing it, and leaving it again as the next crossing only', () => {
    expect(fires(new RuleEngine(), above(), rates(7.1, 7.2, 7.2, 7.3))).toEqual([false, true, false, false]);
    expect(fires(new RuleEngine(), below(), rates(7.3, 7.2, 7.2, 7.1))).toEqual([false, true, false, false]);
    // From the level itself, going up is no new crossing above (it already counted).
    expect(fires(new RuleEngine(), above(), rates(7.2, 7.3))).toEqual([false, false]);
  });

  it('fire on each crossing of an oscillating value', () => {
    const values = rates(7.1, 7.3, 7.1, 7.3, 7.1, 7.3);
    expect(fires(new RuleEngine(), above(), values)).toEqual([false, true, false, true, false, true]);
    expect(fires(new RuleEngine(), below(), values)).toEqual([false, false, true, false, true, false]);
  });

  it('with a re-arm distance fire again only once the value has been that far back past the level', () => {
    const up = only({ op: 'crossesAbove', field: '/rate', level: 7.2, per: null, rearm: 0.01 });
    const down = only({ op: 'crossesBelow', field: '/rate', level: 7.2, per: null, rearm: 0.01 });
    // Noise around 7.20: 7.199 is not far enough back; 7.19 (0.01 below) re-arms.
    const noisy = rates(7.18, 7.201, 7.199, 7.202, 7.198, 7.205, 7.19, 7.21);
    expect(fires(new RuleEngine(), up, noisy)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    const falling = rates(7.22, 7.199, 7.201, 7.198, 7.21, 7.19);
    expect(fires(new RuleEngine(), down, falling)).toEqual([false, true, false, false, false, true]);
    // Without a distance, the same noise crosses at every dip and rise.
    expect(fires(new RuleEngine(), above(), noisy).filter(Boolean)).toHaveLength(4);
  });

  it('refuse a negative re-arm distance', () => {
    expect(() => only({ op: 'crossesAbove', field: '', level: 1, rearm: -0.5 })).toThrow(
      'The distance cannot be negative',
    );
  });

  it('read decimal text at the pointer', () => {
    expect(fires(new RuleEngine(), above(), [rate('USD/CNY', '7.19'), rate('USD/CNY', '7.21')])).toEqual([
      false,
      true,
    ]);
  });

  it('with per /pair keep each pair apart', () => {
    const events = [
      rate('USD/CNY', 7.1),
      rate('EUR/USD', 1.08), // would "cross below" USD/CNY's 7.1 if they shared a series
      rate('USD/CNY', 7.3), // USD/CNY: 7.1 → 7.3 crosses, though the last event was 1.08
      rate('EUR/USD', 7.5), // EUR/USD: 1.08 → 7.5 crosses on its own
      rate('EUR/USD', 7.6),
    ];
    expect(fires(new RuleEngine(), above('/pair'), events)).toEqual([false, false, true, true, false]);
    expect(fires(new RuleEngine(), below('/pair'), events)).toEqual([false, false, false, false, false]);
    // Without `per` the pointer's values are one series: EUR/USD's 1.08 → USD/CNY's 7.3 crosses.
    expect(fires(new RuleEngine(), above(), events)).toEqual([false, false, true, false, false]);
    const mixed = [rate('USD/CNY', 7.3), rate('EUR/USD', 1.08)];
    expect(fires(new RuleEngine(), below(), mixed)).toEqual([false, true]);
    expect(fires(new RuleEngine(), below('/pair'), mixed)).toEqual([false, false]);
  });

  it('follow the chart series (the title) for the mapped value', () => {
    const rule = only({ op: 'crossesAbove', field: '', level: 7.2 });
    const events = [
      point('USD/CNY', 7.1),
      point('EUR/USD', 1.1),
      point('USD/CNY', 7.3),
      point('EUR/USD', 7.3),
    ];
    expect(fires(new RuleEngine(), rule, events)).toEqual([false, false, true, true]);
  });

  it('are not disturbed by events without the value', () => {
    const events = [
      rate('USD/CNY', 7.1),
      subject({ pair: 'USD/CNY' }),
      subject({ pair: 'USD/CNY', rate: 'n/a' }),
      subject(undefined, { title: 'plain text' }),
      rate('USD/CNY', 7.3),
    ];
    expect(fires(new RuleEngine(), above('/pair'), events)).toEqual([false, false, false, false, true]);
    const mapped = only({ op: 'crossesBelow', field: '', level: 7.2 });
    expect(fires(new RuleEngine(), mapped, [point('r', 7.3), point('r', null), point('r', 7.1)])).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('a missing per field is one more series of its own', () => {
    const events = [
      rate('USD/CNY', 7.1),
      subject({ rate: 7.0 }),
      subject({ rate: 7.3 }),
      rate('USD/CNY', 7.3),
    ];
    expect(fires(new RuleEngine(), above('/pair'), events)).toEqual([false, false, true, true]);
  });

  it('remember each feed apart', () => {
    const engine = new RuleEngine();
    const rule = above();
    expect(fires(engine, rule, rates(7.1), 'a')).toEqual([false]);
    expect(fires(engine, rule, rates(7.3), 'b')).toEqual([false]);
    expect(fires(engine, rule, rates(7.3), 'a')).toEqual([true]);
  });
});
