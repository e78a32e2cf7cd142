import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import { fires, MINUTE_MS, only, rate, subject } from './helpers.ts';

type Direction = 'any' | 'up' | 'down';
const units = (amount: number, direction: Direction = 'any', withinMin = 10, per: string | null = null) =>
  only({ op: 'changesBy', field: '/rate', amount, unit: 'units', withinMin, direction, per });
const percent = (amount: number, direction: Direction = 'any', withinMin = 10) =>
  only({ op: 'changesBy', field: '/rate', amount, unit: 'percent', withinMin, direction });
/** `[value, minute]` pairs as USD/CNY events on the fake timeline. */
const timeline = (...points: [number, number][]) =>
  points.map(([value, atMin]) => rate('USD/CNY', value, atMin));

describe('changesBy in units', () => {
  it('fires when the value moved by the amount within the minutes, either way', () => {
    expect(fires(new RuleEngine(), units(0.5), timeline([7.2, 0], [7.5, 1], [7.7, 2]))).toEqual([
      false,
      false,
      true,
    ]);
    expect(fires(new RuleEngine(), units(0.5), timeline([7.7, 0], [7.5, 1], [7.2, 2]))).toEqual([
      false,
      false,
      true,
    ]);
    expect(fires(new RuleEngine(), units(0.5), timeline([7.2, 0], [7.69, 1]))).toEqual([false, false]);
  });

  it('counts decimal steps as the amount they are written as', () => {
    // In binary 7.7 - 7.2 and 0.3 - 0.1 fall a hair short of 0.5 and 0.2.
    expect(fires(new RuleEngine(), units(0.5), timeline([7.2, 0], [7.7, 1]))).toEqual([false, true]);
    expect(fires(new RuleEngine(), units(0.5), timeline([7.7, 0], [7.2, 1]))).toEqual([false, true]);
    expect(fires(new RuleEngine(), units(0.2), timeline([0.1, 0], [0.3, 1]))).toEqual([false, true]);
    expect(fires(new RuleEngine(), units(0.2), timeline([0.1, 0], [0.2999, 1]))).toEqual([false, false]);
  });

  it('up and down watch one direction only', () => {
    const rise = timeline([7.2, 0], [7.7, 1]);
    const fall = timeline([7.7, 0], [7.2, 1]);
    expect(fires(new RuleEngine(), units(0.5, 'up'), rise)).toEqual([false, true]);
    expect(fires(new RuleEngine(), units(0.5, 'up'), fall)).toEqual([false, false]);
    expect(fires(new RuleEngine(), units(0.5, 'down'), fall)).toEqual([false, true]);
    expect(fires(new RuleEngine(), units(0.5, 'down'), rise)).toEqual([false, false]);
  });

  it('measures a rise from the lowest and a fall from the highest value in the window', () => {
    const values = timeline([7.5, 0], [7.2, 1], [7.6, 2], [7.7, 3]);
    expect(fires(new RuleEngine(), units(0.5, 'up'), values)).toEqual([false, false, false, true]);
    const falling = timeline([7.5, 0], [7.8, 1], [7.4, 2], [7.3, 3]);
    expect(fires(new RuleEngine(), units(0.5, 'down'), falling)).toEqual([false, false, false, true]);
  });
});

describe('changesBy in percent', () => {
  it('takes the percentage of where the value was', () => {
    expect(fires(new RuleEngine(), percent(1), timeline([100, 0], [100.99, 1]))).toEqual([false, false]);
    expect(fires(new RuleEngine(), percent(1), timeline([100, 0], [101, 1]))).toEqual([false, true]);
    expect(fires(new RuleEngine(), percent(1.1), timeline([100, 0], [101.1, 1]))).toEqual([false, true]);
    // A fall is measured from the higher value: 101 → 100 is 0.99 % of 101.
    expect(fires(new RuleEngine(), percent(1), timeline([101, 0], [100, 1]))).toEqual([false, false]);
    expect(fires(new RuleEngine(), percent(0.5), timeline([7.2, 0], [7.236, 1]))).toEqual([false, true]);
  });

  it('measures negative values by their size', () => {
    expect(fires(new RuleEngine(), percent(50, 'up'), timeline([-10, 0], [-5, 1]))).toEqual([false, true]);
    expect(fires(new RuleEngine(), percent(50, 'down'), timeline([-10, 0], [-14, 1]))).toEqual([
      false,
      false,
    ]);
    expect(fires(new RuleEngine(), percent(50, 'down'), timeline([-10, 0], [-15, 1]))).toEqual([false, true]);
  });

  it('never fires for a move from 0, which has no percentage', () => {
    expect(fires(new RuleEngine(), percent(1), timeline([0, 0], [5, 1], [1000, 2]))).toEqual([
      false,
      false,
      false,
    ]);
    // In units the same move counts.
    expect(fires(new RuleEngine(), units(5), timeline([0, 0], [5, 1]))).toEqual([false, true]);
  });
});

describe('changesBy over time', () => {
  it('uses the event time: a value exactly the minutes old still counts, an older one does not', () => {
    expect(fires(new RuleEngine(), units(0.5), timeline([7.2, 0], [7.7, 10]))).toEqual([false, true]);
    const late = [
      rate('USD/CNY', 7.2, 0),
      subject({ pair: 'USD/CNY', rate: 7.7 }, { receivedAt: 10 * MINUTE_MS + 1 }),
    ];
    expect(fires(new RuleEngine(), units(0.5), late)).toEqual([false, false]);
  });

  it('lets old values leave the window while newer ones stay', () => {
    const values = timeline([7.2, 0], [7.4, 6], [7.7, 11], [7.95, 12]);
    // At 11 min 7.2 has left: 7.4 → 7.7 is not enough; at 12 min 7.4 → 7.95 is.
    expect(fires(new RuleEngine(), units(0.5), values)).toEqual([false, false, false, true]);
  });

  it('takes fractions of a minute', () => {
    const rule = units(0.5, 'any', 0.5);
    expect(fires(new RuleEngine(), rule, timeline([7.2, 0], [7.7, 0.5]))).toEqual([false, true]);
    expect(fires(new RuleEngine(), rule, timeline([7.2, 0], [7.7, 0.6]))).toEqual([false, false]);
  });

  it('starts again from the value that fired, so one move fires once', () => {
    const values = timeline([7.2, 0], [7.7, 1], [7.8, 2], [7.9, 3], [8.2, 4], [7.7, 5]);
    // 7.2 → 7.8 and 7.2 → 7.9 would count again had the window kept 7.2.
    expect(fires(new RuleEngine(), units(0.5), values)).toEqual([false, true, false, false, true, true]);
  });

  it('counts an event whose clock stepped back as at the latest time seen', () => {
    const values = timeline([7.0, 60], [6.9, 0], [7.2, 1], [7.45, 65], [7.5, 72]);
    // 6.9 is held at minute 60, so at 65 the rise 6.9 → 7.45 counts; at 72 it has left the window.
    expect(fires(new RuleEngine(), units(0.55), values)).toEqual([false, false, false, true, false]);
  });

  it('keeps a window per pair with per /pair, and ignores events without the value', () => {
    const rule = units(0.5, 'any', 10, '/pair');
    const events = [
      rate('USD/CNY', 7.2, 0),
      rate('EUR/USD', 1.08, 1),
      subject({ pair: 'USD/CNY' }, { receivedAt: 2 * MINUTE_MS }),
      rate('USD/CNY', 7.7, 3),
      rate('EUR/USD', 1.5, 4),
      rate('EUR/USD', 1.58, 5),
    ];
    expect(fires(new RuleEngine(), rule, events)).toEqual([false, false, false, true, false, true]);
  });

  it('reads the mapped value for the empty field, per chart series', () => {
    const rule = only({ op: 'changesBy', field: '', amount: 10, withinMin: 5 });
    const at = (series: string, value: number, atMin: number) =>
      subject(undefined, { title: series, series, value, receivedAt: atMin * MINUTE_MS });
    const events = [at('cpu', 50, 0), at('mem', 10, 1), at('cpu', 54, 2), at('cpu', 55, 3), at('mem', 11, 4)];
    expect(fires(new RuleEngine(), rule, events)).toEqual([false, false, false, true, true]);
  });
});
