/**
 * Regular expressions from the user, run on text from a server: through `re2js`, a linear-time engine
 * (no backtracking), so no pattern and no input can freeze the app. Patterns are compiled once.
 *
 * Linear time is time per character per instruction: `[a-z]{1000}x` on 64 KiB took 2.2 s through the
 * matcher (an NFA). So matching uses `test()` (re2js's DFA; the same pattern takes under 50 ms) and a
 * pattern may compile to at most PATTERN_MAX_INSTRUCTIONS instructions, where the DFA's worst case
 * measured ~5 ms on 64 KiB (`(?:.*a){150}x`, see test/shared/rules/regex.test.ts).
 */
import { RE2JS } from 're2js';

/** The longest pattern a rule may hold. */
export const PATTERN_MAX_CHARS = 1000;
/** The largest compiled program a pattern may make (`[a-z]{500}` is 500 and more). */
export const PATTERN_MAX_INSTRUCTIONS = 500;
/** Text beyond this is not searched (linear time still costs time per character). */
export const MATCH_INPUT_MAX_CHARS = 64 * 1024;

const compiled = new Map<string, RE2JS>();
const MAX_COMPILED = 500;

/** Why a pattern cannot be used, in words, or null when it compiles. */
export function patternError(pattern: string): string | null {
  if (pattern.length > PATTERN_MAX_CHARS) return `A pattern may be at most ${PATTERN_MAX_CHARS} characters`;
  let size: number;
  try {
    size = Number(compile(pattern).re2().numberOfInstructions());
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `Not a valid regular expression: ${detail}`;
  }
  if (size > PATTERN_MAX_INSTRUCTIONS)
    return `This pattern is too complex to check on every event (${size} steps, at most ${PATTERN_MAX_INSTRUCTIONS}): use smaller repeat counts like {10} instead of {1000}`;
  return null;
}

/**
 * Whether `pattern` occurs anywhere in `text` (case-insensitive; `(?-i)` in the pattern makes it
 * exact). A pattern that does not compile never matches (validation refuses it before it is saved).
 */
export function patternMatches(pattern: string, text: string): boolean {
  let regex: RE2JS;
  try {
    regex = compile(pattern);
  } catch {
    return false;
  }
  const input = text.length > MATCH_INPUT_MAX_CHARS ? text.slice(0, MATCH_INPUT_MAX_CHARS) : text;
  return regex.test(input);
}

function compile(pattern: string): RE2JS {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}
