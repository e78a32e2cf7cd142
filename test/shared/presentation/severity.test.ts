import { describe, expect, it } from 'vitest';
import { resolveSeverity } from '../../../src/shared/presentation/severity.ts';
import { normalizeEvent } from '../../../src/shared/presentation/normalize.ts';
import { rawEvent } from '../../main/pipeline/make-event.ts';

describe('resolveSeverity', () => {
  it('takes the numbers 1–5 as they are, also written as digits', () => {
    expect([1, 2, 3, 4, 5].map((n) => resolveSeverity(n, []))).toEqual([1, 2, 3, 4, 5]);
    expect(resolveSeverity(' 4 ', [])).toBe(4);
  });

  it('maps syslog levels, P1–P5 and everyday words, case-insensitive', () => {
    const words = ['debug', 'INFO', 'notice', 'Warning', 'error', 'critical', 'alert', 'emergency'];
    expect(words.map((word) => resolveSeverity(word, []))).toEqual([1, 2, 3, 4, 4, 5, 5, 5]);
    expect(['p1', 'P2', 'p3', 'p4', 'P5'].map((word) => resolveSeverity(word, []))).toEqual([5, 4, 3, 2, 1]);
    expect(['low', 'normal', 'high', 'urgent', 'min', 'max'].map((w) => resolveSeverity(w, []))).toEqual([
      2, 3, 4, 5, 1, 5,
    ]);
  });

  it("lets the feed's own words win over the built-in table", () => {
    const words = [
      { match: 'sev1', severity: 5 as const },
      { match: 'Warning', severity: 2 as const },
    ];
    expect(resolveSeverity('SEV1', words)).toBe(5);
    expect(resolveSeverity('warning', words)).toBe(2);
  });

  it('gives anything else the fallback: other numbers, garbage, objects, missing', () => {
    for (const value of [0, 6, 3.5, -1, NaN, Infinity, '0x3', '', 'meh', null, undefined, {}, [5], true])
      expect(resolveSeverity(value, [], 2), JSON.stringify(value) ?? 'undefined').toBe(2);
    expect(resolveSeverity('__proto__', [])).toBe(3);
    expect(resolveSeverity('constructor', [])).toBe(3);
  });
});

describe('severity in normalization', () => {
  it('reads the mapped pointer, with the feed default for events without one', () => {
    const rule = { default: 2 as const, words: [{ match: 'page', severity: 5 as const }] };
    const mapping = { severity: '/level' };
    expect(normalizeEvent(rawEvent({ data: '{"level":"page"}' }), mapping, 1, rule).severity).toBe(5);
    expect(normalizeEvent(rawEvent({ data: '{"level":4}' }), mapping, 1, rule).severity).toBe(4);
    expect(normalizeEvent(rawEvent({ data: '{"other":1}' }), mapping, 1, rule).severity).toBe(2);
    expect(normalizeEvent(rawEvent({ data: 'plain text' }), mapping, 1).severity).toBe(3);
  });
});
