/**
 * Severity: five levels on ntfy's scale (so its `priority` maps 1:1), and the rule that turns whatever a
 * server sends (a number, `warning`, `P1`, `urgent`) into one of them. Pure; used by main's normalization
 * and the window's chips and editor alike.
 */

/** 1 min, 2 low, 3 default, 4 high, 5 urgent. */
export type Severity = 1 | 2 | 3 | 4 | 5;

/** The levels, lowest first. */
export const SEVERITIES: readonly Severity[] = [1, 2, 3, 4, 5];

/** A level's name in the settings and the UI's message keys. */
export const SEVERITY_NAMES = {
  1: 'min',
  2: 'low',
  3: 'default',
  4: 'high',
  5: 'urgent',
} as const satisfies Record<Severity, string>;
export type SeverityName = (typeof SEVERITY_NAMES)[Severity];

/** Events with no severity of their own (and feeds that never set one) are `default`. */
export const DEFAULT_SEVERITY: Severity = 3;

/**
 * What common words mean, case-insensitive: syslog levels, P1–P5 (P1 is the most urgent, as on-call
 * tools use it), and the words ntfy and most people use. A feed's own table is consulted first.
 */
export const DEFAULT_SEVERITY_WORDS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['debug', 1],
  ['info', 2],
  ['notice', 3],
  ['warning', 4],
  ['warn', 4],
  ['error', 4],
  ['critical', 5],
  ['alert', 5],
  ['emergency', 5],
  ['p1', 5],
  ['p2', 4],
  ['p3', 3],
  ['p4', 2],
  ['p5', 1],
  ['min', 1],
  ['low', 2],
  ['normal', 3],
  ['default', 3],
  ['high', 4],
  ['max', 5],
  ['urgent', 5],
]);

/** One row of a feed's own table: a word the server sends, and the level it means. */
export interface SeverityWord {
  match: string;
  severity: Severity;
}

/** Whether `value` is one of the five levels. */
export function isSeverity(value: unknown): value is Severity {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/**
 * The level of a value found at the feed's severity pointer: the numbers 1–5 (or their digits as text)
 * as they are; words by the feed's table, then the default table; anything else is `fallback`.
 */
export function resolveSeverity(
  value: unknown,
  words: readonly SeverityWord[],
  fallback: Severity = DEFAULT_SEVERITY,
): Severity {
  if (typeof value === 'number') return isSeverity(value) ? value : fallback;
  if (typeof value !== 'string') return fallback;
  const text = value.trim().toLowerCase();
  if (/^[1-5]$/.test(text)) return Number(text) as Severity;
  // Tables are small (a handful of rows): a scan beats building a Map per event.
  for (const word of words) if (word.match.trim().toLowerCase() === text) return word.severity;
  return DEFAULT_SEVERITY_WORDS.get(text) ?? fallback;
}
