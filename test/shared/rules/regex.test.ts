import { describe, expect, it } from 'vitest';
import {
  MATCH_INPUT_MAX_CHARS,
  PATTERN_MAX_CHARS,
  PATTERN_MAX_INSTRUCTIONS,
  patternError,
  patternMatches,
} from '../../../src/shared/rules/regex.ts';

/** How long `run` takes, in ms (performance.now: the only clock here, and only to bound the time). */
function timed(run: () => boolean): { result: boolean; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

describe('patternMatches', () => {
  it('finds the pattern anywhere, ignoring case', () => {
    expect(patternMatches('err(or)?', 'An ERROR occurred')).toBe(true);
    expect(patternMatches('^an', 'An ERROR occurred')).toBe(true);
    expect(patternMatches('^error', 'An ERROR occurred')).toBe(false);
    expect(patternMatches('[[:digit:]]{3}', 'HTTP 503')).toBe(true);
    expect(patternMatches('\\pL+ \\d', 'Ünïcode 5')).toBe(true);
  });

  it('(?-i) turns case-insensitivity off', () => {
    expect(patternMatches('(?-i)ERROR', 'ERROR')).toBe(true);
    expect(patternMatches('(?-i)ERROR', 'error')).toBe(false);
    expect(patternMatches('(?-i:E)rror', 'ERROR')).toBe(true);
    expect(patternMatches('(?-i:E)rror', 'eRROR')).toBe(false);
  });

  it('never matches with a pattern that does not compile', () => {
    expect(patternMatches('(a', '(a')).toBe(false);
    expect(patternMatches('a\\1', 'aa')).toBe(false);
  });

  it(`searches only the first ${MATCH_INPUT_MAX_CHARS} characters`, () => {
    const text = `${'x'.repeat(MATCH_INPUT_MAX_CHARS - 3)}end${'y'.repeat(10)}`;
    expect(patternMatches('end$', text)).toBe(true);
    expect(patternMatches('y', text)).toBe(false);
  });
});

describe('linear time on catastrophic-backtracking patterns', () => {
  const cases: [pattern: string, text: string, expected: boolean][] = [
    ['(a+)+$', `${'a'.repeat(60_000)}b`, false],
    ['(a|aa)+$', `${'a'.repeat(60_000)}b`, false],
    ['^(a|a?)+$', `${'a'.repeat(60_000)}b`, false],
    ['(.*a){20}', 'a'.repeat(60_000), true],
    ['(.*a){20}$', `${'a'.repeat(30_000)}b`, false],
    ['(x+x+)+y', 'x'.repeat(60_000), false],
    ['(\\w+\\s?)+$', `${'word '.repeat(12_000)}!`, false],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', `${'aaaa'.repeat(15_000)}!`, false],
  ];

  it.each(cases)('%s finishes within a second on %#', (pattern, text, expected) => {
    expect(patternError(pattern)).toBeNull();
    const { result, ms } = timed(() => patternMatches(pattern, text));
    expect(result).toBe(expected);
    expect(ms).toBeLessThan(1000);
  });

  it('where a backtracking engine takes exponential time on a 23-character input', () => {
    // (a+)+$ on a…ab: JavaScript's RegExp tries every way to split the a's; RE2 does not.
    const small = `${'a'.repeat(22)}b`;
    expect(patternError('(a+)+$')).toBeNull(); // compiled (and cached) before timing
    const js = timed(() => /(a+)+$/i.test(small));
    const re2 = timed(() => patternMatches('(a+)+$', small));
    expect(js.result).toBe(false);
    expect(re2.result).toBe(false);
    expect(js.ms).toBeGreaterThan(10 * re2.ms);
  });
});

describe('patternError', () => {
  it('is null for a pattern that compiles', () => {
    expect(patternError('^disk (\\d+)% full$')).toBeNull();
    expect(patternError('(?-i)ERROR')).toBeNull();
  });

  it.each([
    ['(a', 'missing closing )'],
    ['a)', 'unexpected )'],
    ['[a-', 'missing closing ]'],
    ['a**', 'invalid nested repetition operator'],
    ['a{1001}', 'invalid repeat count'],
    ['(a{100}){100}', 'invalid repeat count'],
    ['a\\1', 'invalid escape sequence'],
    ['(?<=a)b', 'invalid named capture'],
    ['(?=a)', 'invalid or unsupported Perl syntax'],
  ])('says why %s is refused', (pattern, why) => {
    const error = patternError(pattern);
    expect(error).toMatch(/^Not a valid regular expression: /);
    expect(error).toContain(why);
  });

  it(`refuses a pattern longer than ${PATTERN_MAX_CHARS} characters`, () => {
    const long = '[ab]'.repeat(PATTERN_MAX_CHARS / 4); // 250 instructions: long, not complex
    expect(patternError(long)).toBeNull();
    expect(patternError(`${long}c`)).toBe(`A pattern may be at most ${PATTERN_MAX_CHARS} characters`);
  });

  it(`refuses a pattern that compiles to more than ${PATTERN_MAX_INSTRUCTIONS} instructions, saying how to fix it`, () => {
    expect(patternError('[a-z]{400}x')).toBeNull();
    expect(patternError('[a-z]{1000}x')).toBe(
      `This pattern is too complex to check on every event (1003 steps, at most ${PATTERN_MAX_INSTRUCTIONS}): use smaller repeat counts like {10} instead of {1000}`,
    );
    expect(patternError('a'.repeat(PATTERN_MAX_INSTRUCTIONS + 1))).toMatch(/^This pattern is too complex/);
  });

  it.each([
    ['(?:.*a){150}x', 'a'.repeat(MATCH_INPUT_MAX_CHARS)],
    ['[a-z]{400}x', 'b'.repeat(MATCH_INPUT_MAX_CHARS)],
    ['(?:[a-z]*[0-9]){100}x', 'a1'.repeat(MATCH_INPUT_MAX_CHARS / 2)],
  ])('the most complex allowed pattern %s on 64 KiB still finishes within a second', (pattern, text) => {
    expect(patternError(pattern)).toBeNull();
    const { result, ms } = timed(() => patternMatches(pattern, text));
    expect(result).toBe(false);
    expect(ms).toBeLessThan(1000);
  });
});
