import { describe, expect, it } from 'vitest';
import { RuleEngine, SERIES_PER_CONDITION, WINDOW_MAX_POINTS } from '../../../src/shared/rules/engine.ts';
import { decide, fires, only, rate } from './helpers.ts';

describe('bounded state', () => {
  it('a busy series is not the one forgotten: the least recently seen gives way', () => {
    const engine = new RuleEngine();
    const rules = [only({ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' })];
    // USD/CNY ticks first and then between every new pair: it stays the most recently seen.
    const ticks = Array.from({ length: SERIES_PER_CONDITION + 5 }, (_, index) => [
      rate(`P${index}`, 7.1),
      rate('USD/CNY', 7.1),
    ]).flat();
    expect(decide(engine, rules, [rate('USD/CNY', 7.1), ...ticks]).every((i) => i === null)).toBe(true);
    expect(decide(engine, rules, [rate('USD/CNY', 7.3)])).toEqual([0]); // remembered: a crossing
    expect(decide(engine, rules, [rate('P0', 7.3)])).toEqual([null]); // the idle one was forgotten
  });

  it(`keeps at most ${SERIES_PER_CONDITION} series per condition, forgetting the oldest`, () => {
    const engine = new RuleEngine();
    const rules = [only({ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' })];
    const names = Array.from({ length: SERIES_PER_CONDITION + 1 }, (_, index) => `P${index}`);
    // P0 … P1000 all start below the level: P1000 is one series too many, so P0 gives way.
    expect(
      decide(
        engine,
        rules,
        names.map((name) => rate(name, 7.1)),
      ).every((index) => index === null),
    ).toBe(true);
    expect(decide(engine, rules, [rate('P0', 7.3)])).toEqual([null]); // forgotten: a first value again
    expect(decide(engine, rules, [rate('P2', 7.3)])).toEqual([0]); // still remembered
    expect(decide(engine, rules, [rate(`P${SERIES_PER_CONDITION}`, 7.3)])).toEqual([0]);
  });

  it(`a window holds at most ${WINDOW_MAX_POINTS} values, the oldest extremes giving way first`, () => {
    const rule = only({
      op: 'changesBy',
      field: '/rate',
      amount: 2 * WINDOW_MAX_POINTS,
      unit: 'units',
      withinMin: 1440,
    });
    // Rising values 0, 1, 2 … all within the minutes; a rise to 2×MAX is the amount only from 0.
    const rising = (count: number) =>
      Array.from({ length: count }, (_, index) => rate('X', index, index / 1000));
    const top = rate('X', 2 * WINDOW_MAX_POINTS, 20);

    const full = new RuleEngine();
    expect(fires(full, rule, rising(WINDOW_MAX_POINTS)).some(Boolean)).toBe(false);
    expect(fires(full, rule, [top])).toEqual([true]); // 0 is still in the window

    const over = new RuleEngine();
    expect(fires(over, rule, rising(WINDOW_MAX_POINTS + 1)).some(Boolean)).toBe(false);
    expect(fires(over, rule, [top])).toEqual([false]); // 0 gave way to the newest value
  });

  it('stays correct over many more values than the window holds', () => {
    const engine = new RuleEngine();
    const rule = only({ op: 'changesBy', field: '/rate', amount: 1, unit: 'units', withinMin: 1 });
    // 50 000 values a millisecond apart wobbling within 0.5: the window slides and compacts, never fires.
    const wobble = Array.from({ length: 50_000 }, (_, index) =>
      rate('X', 7 + (index % 5) / 10, index / 60_000),
    );
    expect(fires(engine, rule, wobble).some(Boolean)).toBe(false);
    expect(fires(engine, rule, [rate('X', 8.4, 1)])).toEqual([true]); // 7.4 in the last minute → 8.4
  });
});
