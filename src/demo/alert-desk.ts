/**
 * When the demo alerts happen: mostly calm info notes; a warning or critical alert opens an incident
 * (`alert_id` service:problem, `status: "firing"`) that fires again once or twice a few alert periods
 * later, maybe worse, and then resolves. All from the seeded random, so every run tells the same story.
 */

import {
  INFO_TEMPLATES,
  PROBLEMS,
  SERVICES,
  wholeBetween,
  type Alert,
  type AlertSeverity,
  type Problem,
} from './alerts.ts';
import { pick, type Random } from './random.ts';

/** Shares of new alerts: mostly info, so that with their repeats incidents stay the exception. */
const INFO_SHARE = 0.8;
const WARNING_SHARE = 0.15;
/** Alert periods between an incident's alerts (both included): a few, so a new user sees one end. */
const MIN_GAP = 2;
const MAX_GAP = 5;
/** How often a firing incident repeats before it resolves (both included). */
const MIN_REPEATS = 1;
const MAX_REPEATS = 2;

interface OpenIncident {
  id: string;
  service: string;
  problem: Problem;
  value: number;
  repeatsLeft: number;
  /** The alert period of its next alert. */
  dueStep: number;
  acknowledged: boolean;
}

/** Hands out the alerts feed's alerts one alert period at a time; remembers incidents for acks. */
export class AlertDesk {
  readonly #random: Random;
  #step = 0;
  /** Open incidents by alert id, in the order they opened (which breaks ties between due ones). */
  readonly #open = new Map<string, OpenIncident>();
  /**
   * Every alert id sent so far, which an ack may name. Ids are service:problem, so this holds at most
   * SERVICES × PROBLEMS (56) entries however long the demo runs.
   */
  readonly #sent = new Set<string>();

  constructor(random: Random) {
    this.#random = random;
  }

  /** The next alert period's alert: a due incident's next alert, else a new one. */
  next(): Alert {
    this.#step++;
    const due = this.#due();
    return due ? this.#followUp(due) : this.#fresh();
  }

  /**
   * Records an acknowledgement for an alert id this feed has sent; false for one it never sent. An open
   * incident's later alerts then say `acknowledged: true`, so the press is visible in the feed.
   */
  acknowledge(alertId: string): boolean {
    if (!this.#sent.has(alertId)) return false;
    const incident = this.#open.get(alertId);
    if (incident) incident.acknowledged = true;
    return true;
  }

  /** The open incident whose next alert is due first, or undefined when none is due yet. */
  #due(): OpenIncident | undefined {
    let first: OpenIncident | undefined;
    for (const incident of this.#open.values())
      if (incident.dueStep <= this.#step && (!first || incident.dueStep < first.dueStep)) first = incident;
    return first;
  }

  #fresh(): Alert {
    const random = this.#random;
    const roll = random();
    const service = pick(random, SERVICES);
    const severity: AlertSeverity =
      roll < INFO_SHARE ? 'info' : roll < INFO_SHARE + WARNING_SHARE ? 'warning' : 'critical';
    if (severity !== 'info') {
      const problem = pick(random, PROBLEMS[severity]);
      const id = `${service}:${problem.slug}`;
      // One incident per service and problem at a time, as a real alert manager keeps it; the
      // period that would have doubled one gets a calm note instead.
      if (!this.#open.has(id)) return this.#openIncident(id, service, problem);
    }
    return { ...pick(random, INFO_TEMPLATES)(service, random), service, severity: 'info' };
  }

  #openIncident(id: string, service: string, problem: Problem): Alert {
    const random = this.#random;
    const incident: OpenIncident = {
      id,
      service,
      problem,
      value: wholeBetween(random, problem.low, problem.high),
      repeatsLeft: wholeBetween(random, MIN_REPEATS, MAX_REPEATS),
      dueStep: this.#step + wholeBetween(random, MIN_GAP, MAX_GAP),
      acknowledged: false,
    };
    this.#open.set(id, incident);
    this.#sent.add(id);
    return this.#alert(incident, 'firing');
  }

  #followUp(incident: OpenIncident): Alert {
    if (incident.repeatsLeft === 0) {
      this.#open.delete(incident.id);
      return this.#alert(incident, 'resolved');
    }
    const { problem } = incident;
    incident.repeatsLeft--;
    incident.value = wholeBetween(this.#random, incident.value, problem.high);
    incident.dueStep = this.#step + wholeBetween(this.#random, MIN_GAP, MAX_GAP);
    return this.#alert(incident, 'firing');
  }

  #alert(incident: OpenIncident, status: 'firing' | 'resolved'): Alert {
    const { problem, service } = incident;
    const words = status === 'firing' ? problem.firing(service, incident.value) : problem.resolved(service);
    return {
      ...words,
      service,
      // A resolved alert keeps its severity (as Alertmanager's do): a client listening to `critical`
      // only still hears its incidents end.
      severity: problem.severity,
      alert_id: incident.id,
      status,
      ...(incident.acknowledged ? { acknowledged: true as const } : {}),
    };
  }
}
