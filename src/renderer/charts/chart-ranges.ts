/**
 * The time ranges a chart can show. Short ranges follow the live edge from pushed events; longer ones
 * are read again from the database now and then (a pixel there spans minutes, so a push rarely moves it).
 */
import type { MessageKey } from '../i18n/en.ts';

const MINUTE_MS = 60_000;

/** One range of the picker. */
export interface ChartRange {
  id: '15m' | '1h' | '24h' | '7d' | '30d';
  spanMs: number;
  /** Pushed events extend the chart; otherwise it is re-queried periodically and on focus. */
  live: boolean;
  label: MessageKey;
}

/** The ranges, shortest first; the first is where a new chart starts. */
export const CHART_RANGES: readonly ChartRange[] = [
  { id: '15m', spanMs: 15 * MINUTE_MS, live: true, label: 'charts.range15m' },
  { id: '1h', spanMs: 60 * MINUTE_MS, live: true, label: 'charts.range1h' },
  { id: '24h', spanMs: 24 * 60 * MINUTE_MS, live: false, label: 'charts.range24h' },
  { id: '7d', spanMs: 7 * 24 * 60 * MINUTE_MS, live: false, label: 'charts.range7d' },
  { id: '30d', spanMs: 30 * 24 * 60 * MINUTE_MS, live: false, label: 'charts.range30d' },
];
/** A range id. */
export type ChartRangeId = ChartRange['id'];

/** How often a long range is read again while the Charts tab shows. */
export const REQUERY_EVERY_MS = 60_000;

/** The range with this id (the default one for anything else). */
export function chartRange(id: string): ChartRange {
  return CHART_RANGES.find((range) => range.id === id) ?? CHART_RANGES[0]!;
}

/**
 * Buckets to ask for: about one per pixel of the plot (the contract caps at 5000), at least a few
 * dozen so a card laid out at zero width still gets a readable line.
 */
export function bucketsFor(widthPx: number, max = 5000): number {
  const width = Number.isFinite(widthPx) ? Math.round(widthPx) : 0;
  return Math.min(max, Math.max(60, width));
}
