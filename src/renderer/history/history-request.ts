/**
 * What the filters mean as a `history:query` request. Pure: the view reads its controls into
 * `HistoryFilters`, this turns them (with the time now) into the request or into the problem to show.
 */
import type { RequestOf } from '../../shared/ipc.ts';
import { timeBounds, type TimeRangeId, type TimeRangeProblem } from './time-range.ts';

/** Everything the History tab's controls say. Empty lists mean "any". */
export interface HistoryFilters {
  text: string;
  feedIds: readonly string[];
  /** Event types as typed: comma separated, exact (SSE types are case-sensitive). */
  types: string;
  severities: readonly number[];
  decisions: readonly string[];
  range: TimeRangeId;
  customFromMs: number | null;
  customToMs: number | null;
}

/** The contract's limits on list filters (see HistoryQueryRequestSchema). */
const MAX_TYPES = 50;
const MAX_TYPE_CHARS = 100;
const MAX_TEXT_CHARS = 200;

/** A request for the first page (or the page after `before`), or the reason none can be sent. */
export function historyRequest(
  filters: HistoryFilters,
  nowMs: number,
  limit: number,
  before?: string,
): { ok: true; request: RequestOf<'history:query'> } | { ok: false; problem: TimeRangeProblem } {
  const time = timeBounds(filters.range, nowMs, { fromMs: filters.customFromMs, toMs: filters.customToMs });
  if (!time.ok) return time;
  const request: RequestOf<'history:query'> = { limit, ...time.bounds };
  // The box holds at most what the contract takes; longer pasted text is searched by its start.
  const text = filters.text.trim().slice(0, MAX_TEXT_CHARS);
  if (text !== '') request.text = text;
  if (filters.feedIds.length > 0) request.feedIds = [...filters.feedIds];
  const types = parseTypes(filters.types);
  if (types.length > 0) request.types = types;
  if (filters.severities.length > 0) request.severities = [...filters.severities].sort((a, b) => a - b);
  if (filters.decisions.length > 0) request.decisions = [...filters.decisions];
  if (before !== undefined) request.before = before;
  return { ok: true, request };
}

/** "alert, message,, alert" → ["alert", "message"]: trimmed, distinct, within the contract's limits. */
export function parseTypes(text: string): string[] {
  const types = new Set<string>();
  for (const part of text.split(',')) {
    const type = part.trim();
    if (type !== '' && type.length <= MAX_TYPE_CHARS) types.add(type);
  }
  return [...types].slice(0, MAX_TYPES);
}
