/**
 * The History tab's time ranges: "last hour" … "all", or a from–to the user typed. Pure, with the clock
 * passed in, so the same choice means the same window in a test and on screen.
 */

/** The ranges the time filter offers, shortest first; `custom` reads the from–to fields. */
export const TIME_RANGES = ['hour', 'day', 'week', 'month', 'all', 'custom'] as const;
/** One time filter choice. */
export type TimeRangeId = (typeof TIME_RANGES)[number];

const HOUR_MS = 3_600_000;
const SPAN_MS: Record<Exclude<TimeRangeId, 'all' | 'custom'>, number> = {
  hour: HOUR_MS,
  day: 24 * HOUR_MS,
  week: 7 * 24 * HOUR_MS,
  month: 30 * 24 * HOUR_MS,
};
/** The latest time the IPC contract accepts (9999-12-31), so a typed year 20000 is an error, not a crash. */
const LATEST_MS = 253_402_300_799_999;

/** Bounds for `history:query`: received at or after `fromMs`, before `toMs`; absent means open. */
export interface TimeBounds {
  fromMs?: number;
  toMs?: number;
}

/** Why a custom range cannot be searched, as a message key the view shows next to the fields. */
export type TimeRangeProblem = 'history.rangeInvalid' | 'history.rangeOrder';

/** The bounds a choice means at `nowMs`; a custom range with an empty side is open on that side. */
export function timeBounds(
  range: TimeRangeId,
  nowMs: number,
  custom: { fromMs: number | null; toMs: number | null } = { fromMs: null, toMs: null },
): { ok: true; bounds: TimeBounds } | { ok: false; problem: TimeRangeProblem } {
  if (range === 'all') return { ok: true, bounds: {} };
  if (range !== 'custom') return { ok: true, bounds: { fromMs: Math.max(0, nowMs - SPAN_MS[range]) } };
  const { fromMs, toMs } = custom;
  if ((fromMs !== null && !inContract(fromMs)) || (toMs !== null && !inContract(toMs))) {
    return { ok: false, problem: 'history.rangeInvalid' };
  }
  if (fromMs !== null && toMs !== null && fromMs >= toMs) return { ok: false, problem: 'history.rangeOrder' };
  const bounds: TimeBounds = {};
  if (fromMs !== null) bounds.fromMs = fromMs;
  if (toMs !== null) bounds.toMs = toMs;
  return { ok: true, bounds };
}

/**
 * A `datetime-local` field's value (`2025-03-01T14:05`, local time) as epoch ms; null when empty.
 * NaN when the text is not a date, which `timeBounds` reports as invalid.
 */
export function parseLocalDateTime(value: string): number | null {
  const text = value.trim();
  if (text === '') return null;
  // Without a zone designator, ECMAScript reads a date-time form as local time: what the field shows.
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text) ? Date.parse(text) : Number.NaN;
}

function inContract(ms: number): boolean {
  return Number.isInteger(ms) && ms >= 0 && ms <= LATEST_MS;
}
