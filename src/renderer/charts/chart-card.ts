/**
 * One series as a card: its range picker (15 min … 30 d), last value, change over the range, min/max,
 * and a uPlot chart of the database's buckets drawn as a min/max band with the last value as a line.
 */
import uPlot from 'uplot';
import type { IpcClient } from '../api.ts';
import { h } from '../dom.ts';
import { formatChange, formatCount, formatPercent, formatValue } from '../format.ts';
import { currentLanguage, localize } from '../i18n/index.ts';
import { bucketsFor, CHART_RANGES, chartRange, type ChartRange, type ChartRangeId } from './chart-ranges.ts';
import type { RuleFirePoint } from '../../shared/history.ts';
import {
  addFire,
  addValue,
  fromView,
  rangeStats,
  slideTo,
  windowStartMs,
  type RangeSeries,
} from './range-series.ts';
import { placeRuleMarks } from './rule-marks.ts';

const CHART_HEIGHT_PX = 140;
/** Live values kept while a range is being read; beyond this the answer is awaited without them. */
const MAX_PENDING_VALUES = 10_000;

/** What a card is told when it is made. */
export interface ChartCardOptions {
  ipc: IpcClient;
  feedId: string;
  title: string;
  range: ChartRangeId;
  /** The user picked another range (the view remembers it per series). */
  onRangeChange: (range: ChartRangeId) => void;
}

/** A chart card; the uPlot instance is created once the card has a width. */
export class ChartCard {
  readonly element: HTMLElement;
  readonly #options: ChartCardOptions;
  readonly #last = h('span', { class: 'chart-last', attrs: { 'data-stat': 'last' } });
  readonly #change = h('span', { class: 'chart-change', attrs: { 'data-stat': 'change' } });
  readonly #stats = h('dl', { class: 'chart-range' });
  readonly #plotArea = h('div', { class: 'chart-plot' });
  readonly #message = h('p', { class: 'chart-message', attrs: { hidden: true } });
  readonly #buttons = new Map<ChartRangeId, HTMLButtonElement>();
  #range: ChartRange;
  #series: RangeSeries | null = null;
  /** Live values that arrived while the range was being read, applied on top of the answer. */
  #pending: { value: number; atMs: number; fire: RuleFirePoint | undefined }[] | null = null;
  /** Where rules fired, over the plot (see rule-marks.ts). */
  readonly #marks = h('div', { class: 'chart-rule-marks' });
  #request = 0;
  #plot: uPlot | null = null;
  #drawnVersion = -1;

  constructor(options: ChartCardOptions) {
    this.#options = options;
    this.#range = chartRange(options.range);
    const picker = h('div', { class: 'range-picker', attrs: { role: 'group' } });
    localize(picker, ['charts.rangeLabel', { title: options.title }], 'aria-label');
    for (const range of CHART_RANGES) {
      const button = h('button', {
        class: 'range-button',
        t: range.label,
        // A string: `h` drops an attribute set to false, and aria-pressed must say "false".
        attrs: {
          type: 'button',
          'data-range': range.id,
          'aria-pressed': String(range.id === this.#range.id),
        },
        on: { click: () => this.#pick(range) },
      });
      this.#buttons.set(range.id, button);
      picker.append(button);
    }
    this.element = h('article', { class: 'chart-card', attrs: { 'data-series': options.title } }, [
      h('header', { class: 'chart-header' }, [
        h('h4', { class: 'chart-title', text: options.title }),
        h('div', { class: 'chart-figures' }, [this.#last, this.#change]),
      ]),
      picker,
      this.#stats,
      h('div', { class: 'chart-plot-wrap' }, [this.#plotArea, this.#message]),
    ]);
    this.element.dataset.range = this.#range.id;
    new ResizeObserver(() => this.#resize()).observe(this.#plotArea);
  }

  /** The range shown. */
  get range(): ChartRange {
    return this.#range;
  }

  /** Reads the range from the database again (shown, switched, refocused, or due for a refresh). */
  async load(): Promise<void> {
    const request = ++this.#request;
    const range = this.#range;
    const toMs = Date.now();
    this.#pending = [];
    this.element.dataset.state = this.#series === null ? 'loading' : this.element.dataset.state;
    const result = await this.#options.ipc.invoke('history:series', {
      feedId: this.#options.feedId,
      series: this.#options.title,
      fromMs: Math.max(0, toMs - range.spanMs),
      toMs,
      buckets: bucketsFor(this.#plotArea.clientWidth),
    });
    // A slower earlier read (another range, an older refresh) must not overwrite a newer one.
    if (request !== this.#request) return;
    const pending = this.#pending;
    this.#pending = null;
    if (!result.ok) {
      this.element.dataset.state = 'error';
      this.#show(['charts.loadFailed', { message: result.error.message }]);
      return;
    }
    const series = fromView(result.value, range.spanMs);
    if (range.live) for (const { value, atMs, fire } of pending) addLiveValue(series, value, atMs, fire);
    series.version = Math.max(series.version, (this.#series?.version ?? 0) + 1);
    this.#series = series;
    this.draw();
  }

  /**
   * A pushed value of this series (and the rule that fired on it, if one did): extends a live range at
   * once, or waits for the read in flight.
   */
  addLive(value: number, atMs: number, fire?: RuleFirePoint): void {
    if (!this.#range.live) return;
    if (this.#pending !== null) {
      if (this.#pending.length < MAX_PENDING_VALUES) this.#pending.push({ value, atMs, fire });
      return;
    }
    if (this.#series) addLiveValue(this.#series, value, atMs, fire);
  }

  /** Moves a live range's window to now, so a quiet series still scrolls. */
  slide(nowMs: number): void {
    if (this.#range.live && this.#series && this.#pending === null) slideTo(this.#series, nowMs);
  }

  /** Redraws if the data changed since the last draw (or `force`, after a language or theme change). */
  draw(force = false): void {
    const series = this.#series;
    if (!series || (!force && series.version === this.#drawnVersion)) return;
    this.#drawnVersion = series.version;
    const stats = rangeStats(series);
    this.element.dataset.points = String(series.t.length);
    this.element.dataset.fires = String(series.fires.length);
    this.element.dataset.state = stats ? 'ready' : 'empty';
    this.#last.textContent = stats ? formatValue(stats.last) : '—';
    const change = stats ? stats.last - stats.open : 0;
    this.#change.textContent = stats
      ? `${formatChange(change)} (${formatPercent(stats.open === 0 ? 0 : change / stats.open)})`
      : '';
    this.#change.dataset.trend = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    this.#stats.replaceChildren(
      h('dt', { t: 'charts.min' }),
      h('dd', { text: stats ? formatValue(stats.min) : '—' }),
      h('dt', { t: 'charts.max' }),
      h('dd', { text: stats ? formatValue(stats.max) : '—' }),
      h('dt', { t: 'charts.points' }),
      h('dd', { text: formatCount(stats?.values ?? 0) }),
    );
    localize(
      this.#plotArea,
      ['charts.rangePlotLabel', { title: this.#options.title, range: this.#range.id, n: series.t.length }],
      'aria-label',
    );
    if (stats) this.#message.hidden = true;
    else this.#show('charts.noData');
    if (this.#plot) this.#plot.setData(columns(series));
    else this.#resize();
  }

  /** Drops the plot so the next draw rebuilds it (its colours come from the current theme). */
  restyle(): void {
    this.#plot?.destroy();
    this.#plot = null;
    this.#resize();
  }

  #pick(range: ChartRange): void {
    if (range.id === this.#range.id) return;
    this.#range = range;
    this.element.dataset.range = range.id;
    for (const [id, button] of this.#buttons) button.setAttribute('aria-pressed', String(id === range.id));
    this.#options.onRangeChange(range.id);
    // The axis labels depend on the range: rebuild the plot for it.
    this.restyle();
    void this.load();
  }

  #show(msg: Parameters<typeof localize>[1]): void {
    localize(this.#message, msg);
    this.#message.hidden = false;
  }

  #resize(): void {
    const width = Math.floor(this.#plotArea.clientWidth);
    if (width <= 0 || !this.#series) return;
    if (!this.#plot) {
      this.#plot = new uPlot(this.#plotOptions(width), columns(this.#series), this.#plotArea);
      this.#plotArea.setAttribute('role', 'img');
      this.#plot.over.append(this.#marks);
      placeRuleMarks(this.#plot, this.#series.fires, this.#marks);
    } else if (this.#plot.width !== width) {
      this.#plot.setSize({ width, height: CHART_HEIGHT_PX });
    }
  }

  #plotOptions(width: number): uPlot.Options {
    const css = getComputedStyle(document.documentElement);
    const color = (name: string): string => css.getPropertyValue(name).trim();
    const axis = {
      stroke: color('--text-muted'),
      grid: { stroke: color('--chart-grid'), width: 1 },
      ticks: { show: false },
      font: '11px system-ui, sans-serif',
    };
    const spanMs = this.#range.spanMs;
    const edge = {
      stroke: color('--chart-band-edge') || color('--chart-grid'),
      width: 1,
      points: { show: false },
    };
    return {
      width,
      height: CHART_HEIGHT_PX,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      // Marks follow every redraw (new data, resize); the layer joins the plot once it exists.
      hooks: { draw: [(plot) => placeRuleMarks(plot, this.#series?.fires ?? [], this.#marks)] },
      scales: {
        x: {
          time: true,
          range: () => {
            const series = this.#series;
            if (!series) return [0, 1];
            // A long range shows all of it, so an empty morning shows as empty. A live one that began
            // filling a moment ago starts at its first value, or a fresh feed would be a sliver at the edge.
            const startMs = windowStartMs(series);
            const firstMs = this.#range.live ? (series.lastAt[0] ?? startMs) : startMs;
            const fromMs = firstMs < series.toMs ? Math.max(startMs, firstMs) : startMs;
            return [fromMs / 1000, series.toMs / 1000];
          },
        },
      },
      series: [{}, { stroke: color('--accent'), width: 2, points: { show: false } }, edge, edge],
      bands: [{ series: [2, 3], fill: color('--chart-band') || color('--chart-fill') }],
      axes: [
        { ...axis, size: 28, values: (_plot, ticks) => ticks.map((tick) => tickLabel(tick * 1000, spanMs)) },
        { ...axis, size: 60, values: (_plot, ticks) => ticks.map((tick) => formatValue(tick)) },
      ],
    };
  }
}

/** A live value, and its rule's mark when the value was taken (not one the answer already held). */
function addLiveValue(
  series: RangeSeries,
  value: number,
  atMs: number,
  fire: RuleFirePoint | undefined,
): void {
  if (addValue(series, value, atMs) && fire) addFire(series, fire);
}

/**
 * uPlot's columns: time in seconds, then last, max and min (the band between the last two). Each
 * bucket sits at its newest value's time, so the line reaches the live edge instead of a bucket start.
 */
function columns(series: RangeSeries): uPlot.AlignedData {
  return [series.lastAt.map((t) => t / 1000), series.last, series.max, series.min];
}

/** One line per tick, as much as the range needs: seconds within an hour, dates beyond a day. */
function tickLabel(epochMs: number, spanMs: number): string {
  const date = new Date(epochMs);
  const language = currentLanguage();
  if (spanMs <= 3_600_000) return date.toLocaleTimeString(language, { hour12: false });
  if (spanMs <= 86_400_000) {
    return date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hour12: false });
  }
  return date.toLocaleDateString(language, { month: 'numeric', day: 'numeric' });
}
