/**
 * The Incidents tab: every incident, open ones first, with its status, feed, headline, severity, first
 * and last seen and how many events it took; choosing one shows its timeline. Live: main pushes the
 * incidents that changed (`push:incidents`) and the list merges them in.
 */
import { compareIncidents, type IncidentView } from '../../shared/incidents.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { localize, onLanguageChange } from '../i18n/index.ts';
import { incidentRow } from './incident-row.ts';
import { IncidentTimeline } from './incident-timeline.ts';

/** Incidents listed at most (open first; older resolved ones drop off the end). */
const LIST_LIMIT = 100;

/** The Incidents tab panel. */
export class IncidentsView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  /** By id: the list as main last said, merged with what it pushed since. */
  readonly #incidents = new Map<number, IncidentView>();
  readonly #list = h('ol', { class: 'incident-list', ariaLabel: 'incidents.listLabel' });
  readonly #empty = h('p', { class: 'muted incidents-empty', t: 'incidents.empty' });
  readonly #summary = h('p', { class: 'muted incidents-summary', attrs: { 'aria-live': 'polite' } });
  readonly #timeline: IncidentTimeline;
  #selected: number | null = null;
  #visible = false;
  #loads = 0;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#timeline = new IncidentTimeline(ctx);
    this.element = h('section', { class: 'panel' }, [
      h('header', { class: 'panel-header' }, [h('h2', { t: 'incidents.title' })]),
      h('p', { class: 'muted incidents-intro', t: 'incidents.intro' }),
      this.#summary,
      this.#empty,
      h('div', { class: 'incidents-layout' }, [this.#list, this.#timeline.element]),
    ]);
    // A removed feed takes its incidents along; names change with the feed list too.
    ctx.store.on('feeds', () => void this.reload());
    onLanguageChange(() => this.#render());
    this.#render();
  }

  /** Reloads the list whenever the tab is shown. */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (visible) void this.reload();
  }

  /** Incidents that changed (a push): merged in, and the open timeline follows its incident. */
  update(changed: readonly IncidentView[]): void {
    for (const incident of changed) this.#incidents.set(incident.id, incident);
    this.#trim();
    this.#render();
    if (this.#selected !== null && changed.some((incident) => incident.id === this.#selected))
      void this.#timeline.show(this.#selected);
  }

  /** Reads the list again from main. */
  async reload(): Promise<void> {
    const load = ++this.#loads;
    const result = await this.#ctx.ipc.invoke('incidents:list', { limit: LIST_LIMIT });
    if (load !== this.#loads) return;
    if (!result.ok) return this.#ctx.notices.error('incidents.failed', result.error);
    this.#incidents.clear();
    for (const incident of result.value) this.#incidents.set(incident.id, incident);
    if (this.#selected !== null && !this.#incidents.has(this.#selected)) this.#select(null);
    this.#render();
    if (this.#selected !== null && this.#visible) void this.#timeline.show(this.#selected);
  }

  #sorted(): IncidentView[] {
    return [...this.#incidents.values()].sort(compareIncidents);
  }

  /** Keeps the list to LIST_LIMIT: pushes may only add, so the oldest resolved ones go. */
  #trim(): void {
    if (this.#incidents.size <= LIST_LIMIT) return;
    for (const incident of this.#sorted().slice(LIST_LIMIT)) this.#incidents.delete(incident.id);
  }

  #render(): void {
    const sorted = this.#sorted();
    const open = sorted.filter((incident) => incident.status === 'open').length;
    this.#empty.hidden = sorted.length > 0;
    this.#summary.hidden = sorted.length === 0;
    localize(this.#summary, ['incidents.summary', { open, total: sorted.length }]);
    replaceChildren(
      this.#list,
      sorted.map((incident) =>
        incidentRow(incident, {
          feedName: (feedId) => this.#ctx.store.feedName(feedId),
          selected: incident.id === this.#selected,
          select: () => this.#select(incident.id),
        }),
      ),
    );
  }

  #select(id: number | null): void {
    this.#selected = id;
    for (const row of this.#list.querySelectorAll<HTMLElement>('[data-incident]'))
      row.setAttribute('aria-pressed', String(row.dataset.incident === String(id)));
    if (id === null) this.#timeline.clear();
    else void this.#timeline.show(id);
  }
}
