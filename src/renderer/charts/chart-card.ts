/** One series as a card: last value, change since the window opened, min/max, and a uPlot line. */
import uPlot from 'uplot';
import { h } from '../dom.ts';
import { formatChange, formatCount, formatPercent, formatTime, formatValue } from '../format.ts';
import { localize } from '../i18n/index.ts';
import type { Series } from './chart-model.ts';

const CHART_HEIGHT_PX = 140;

/** A chart card; the uPlot instance is created once the card has a width. */
export class ChartCard {
  readonly element: HTMLElement;
  readonly #last = h('span', { class: 'chart-last', attrs: { 'data-stat': 'last' } });
  readonly #change = h('span', { class: 'chart-change', attrs: { 'data-stat': 'change' } });
  readonly #range = h('dl', { class: 'chart-range' });
  readonly #plotArea = h('div', { class: 'chart-plot' });
  #plot: uPlot | null = null;
  #series: Series;
  #drawnVersion = -1;

  constructor(series: Series) {
    this.#series = series;
    this.element = h('article', { class: 'chart-card', attrs: { 'data-series': series.title } }, [
      h('header', { class: 'chart-header' }, [
        h('h4', { class: 'chart-title', text: series.title }),
        h('div', { class: 'chart-figures' }, [this.#last, this.#change]),
      ]),
      this.#range,
      this.#plotArea,
    ]);
    new ResizeObserver(() => this.#resize()).observe(this.#plotArea);
  }

  /** Redraws if the series changed since the last draw (or `force`, after a language or theme change). */
  update(series: Series, force = false): void {
    this.#series = series;
    if (!force && series.version === this.#drawnVersion) return;
    this.#drawnVersion = series.version;
    const change = series.last - series.open;
    this.element.dataset.points = String(series.xs.length);
    this.#last.textContent = formatValue(series.last);
    this.#change.textContent = `${formatChange(change)} (${formatPercent(series.open === 0 ? 0 : change / series.open)})`;
    this.#change.dataset.trend = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    this.#range.replaceChildren(
      h('dt', { t: 'charts.min' }),
      h('dd', { text: formatValue(series.min) }),
      h('dt', { t: 'charts.max' }),
      h('dd', { text: formatValue(series.max) }),
      h('dt', { t: 'charts.points' }),
      h('dd', { text: formatCount(series.xs.length) }),
    );
    localize(
      this.#plotArea,
      ['charts.plotLabel', { title: series.title, n: series.xs.length }],
      'aria-label',
    );
    if (this.#plot) this.#plot.setData([series.xs, series.ys]);
    else this.#resize();
  }

  /** Drops the plot so the next update rebuilds it (its colours come from the current theme). */
  restyle(): void {
    this.#plot?.destroy();
    this.#plot = null;
    this.#resize();
  }

  #resize(): void {
    const width = Math.floor(this.#plotArea.clientWidth);
    if (width <= 0) return;
    if (!this.#plot) {
      this.#plot = new uPlot(plotOptions(width), [this.#series.xs, this.#series.ys], this.#plotArea);
      this.#plotArea.setAttribute('role', 'img');
    } else if (this.#plot.width !== width) {
      this.#plot.setSize({ width, height: CHART_HEIGHT_PX });
    }
  }
}

function plotOptions(width: number): uPlot.Options {
  const css = getComputedStyle(document.documentElement);
  const color = (name: string): string => css.getPropertyValue(name).trim();
  const axis = {
    stroke: color('--text-muted'),
    grid: { stroke: color('--chart-grid'), width: 1 },
    ticks: { show: false },
    font: '11px system-ui, sans-serif',
  };
  return {
    width,
    height: CHART_HEIGHT_PX,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    series: [
      {},
      { stroke: color('--accent'), width: 2, fill: color('--chart-fill'), points: { show: false } },
    ],
    axes: [
      // One line of clock time: uPlot's default adds a second line with the date, which a small card clips.
      { ...axis, size: 28, values: (_plot, ticks) => ticks.map((tick) => formatTime(tick * 1000)) },
      { ...axis, size: 60, values: (_plot, ticks) => ticks.map((tick) => formatValue(tick)) },
    ],
  };
}
