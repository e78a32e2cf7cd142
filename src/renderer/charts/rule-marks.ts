/**
 * The chart's marks where a rule fired: a dot on the line at each fire, its rule's name and message on
 * hover (a native tooltip) and for screen readers. Drawn as elements over uPlot's plot area, placed on
 * every redraw, so they follow zoom, resize and the live edge.
 */
import type uPlot from 'uplot';
import type { FeedEvent } from '../../shared/feed.ts';
import type { RuleFirePoint } from '../../shared/history.ts';
import { h } from '../dom.ts';
import { formatDateTime, formatValue } from '../format.ts';
import { t } from '../i18n/index.ts';

/** The fire a live event is, when a rule decided it and did not keep it quiet. */
export function liveFire(event: FeedEvent): RuleFirePoint | undefined {
  if (event.rule === undefined || event.value === null || event.decision === 'rule-quiet') return undefined;
  return {
    t: event.receivedAt,
    value: event.value,
    rule: event.rule,
    message: event.message ?? null,
    decision: event.decision,
  };
}

/** Puts one mark per fire inside the plot's visible area into `layer` (uPlot's `over` holds it). */
export function placeRuleMarks(plot: uPlot, fires: readonly RuleFirePoint[], layer: HTMLElement): void {
  const width = plot.over.clientWidth;
  const height = plot.over.clientHeight;
  const marks: HTMLElement[] = [];
  for (const fire of fires) {
    const left = plot.valToPos(fire.t / 1000, 'x');
    const top = plot.valToPos(fire.value, 'y');
    if (!(left >= 0 && left <= width && top >= 0 && top <= height)) continue;
    const label = [
      t('charts.ruleFired', { rule: fire.rule, value: formatValue(fire.value) }),
      fire.message,
      formatDateTime(fire.t),
    ]
      .filter(Boolean)
      .join(' — ');
    const mark = h('span', {
      class: 'chart-rule-mark',
      attrs: {
        role: 'img',
        'aria-label': label,
        title: label,
        'data-rule': fire.rule,
        'data-decision': fire.decision,
      },
    });
    // CSSOM, not a style attribute: the page's CSP allows the first only.
    mark.style.left = `${left}px`;
    mark.style.top = `${top}px`;
    marks.push(mark);
  }
  layer.replaceChildren(...marks);
}
