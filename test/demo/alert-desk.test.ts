import { describe, expect, it } from 'vitest';
import { AlertDesk } from '../../src/demo/alert-desk.ts';
import type { Alert } from '../../src/demo/alerts.ts';
import { seededRandom } from '../../src/demo/random.ts';

const alerts = (seed: number, count: number, desk = new AlertDesk(seededRandom(seed))): Alert[] =>
  Array.from({ length: count }, () => desk.next());

/** The first whole number in an alert's body: the CPU %, latency, zones… it reports. */
const reported = (alert: Alert): number => Number(/\d+/.exec(alert.body)?.[0]);

interface Story {
  steps: number[];
  alerts: Alert[];
}

/** Each incident's alerts in order, with the alert period (index) each came in; open ones at the end dropped. */
function incidents(list: Alert[]): Story[] {
  const open = new Map<string, Story>();
  const done: Story[] = [];
  list.forEach((alert, step) => {
    if (alert.alert_id === undefined) return;
    const story = open.get(alert.alert_id) ?? { steps: [], alerts: [] };
    open.set(alert.alert_id, story);
    story.steps.push(step);
    story.alerts.push(alert);
    if (alert.status === 'resolved') {
      open.delete(alert.alert_id);
      done.push(story);
    }
  });
  return done;
}

describe('demo alert incidents', () => {
  it('tells the same story for the same seed and another for another seed', () => {
    expect(alerts(42, 200)).toEqual(alerts(42, 200));
    expect(alerts(42, 200)).not.toEqual(alerts(43, 200));
  });

  it('sends mostly info alerts, fewer warnings and a few critical ones, repeats and resolutions included', () => {
    const counts = { info: 0, warning: 0, critical: 0 };
    for (const alert of alerts(4, 10_000)) counts[alert.severity]++;
    expect(counts.info).toBeGreaterThan(counts.warning);
    expect(counts.warning).toBeGreaterThan(counts.critical);
    expect(counts.critical).toBeGreaterThan(0);
  });

  it('gives warnings and critical alerts a service:problem alert_id and a status, info alerts neither', () => {
    for (const alert of alerts(5, 2000)) {
      if (alert.severity === 'info') {
        expect(Object.keys(alert).sort()).toEqual(['body', 'service', 'severity', 'title']);
      } else {
        expect(alert.alert_id).toMatch(new RegExp(`^${alert.service}:[a-z]+$`));
        expect(['firing', 'resolved']).toContain(alert.status);
      }
    }
  });

  it('fires an incident, repeats it once or twice no better a few periods apart, then resolves it', () => {
    const stories = incidents(alerts(6, 5000));
    expect(stories.length).toBeGreaterThan(300);
    const repeatCounts = new Set<number>();
    for (const { steps, alerts: story } of stories) {
      const statuses = story.map((alert) => alert.status);
      expect(statuses.at(-1)).toBe('resolved');
      expect(statuses.slice(0, -1).every((status) => status === 'firing')).toBe(true);
      repeatCounts.add(story.length - 2);
      // One severity for the whole incident, so its event type stays what a client listens to.
      expect(new Set(story.map((alert) => alert.severity)).size).toBe(1);
      const numbers = story.slice(0, -1).map(reported);
      for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThanOrEqual(numbers[i - 1]!);
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]! - steps[i - 1]!).toBeGreaterThanOrEqual(2);
        // A few periods, a little more when several incidents are due at once (one alert a period).
        expect(steps[i]! - steps[i - 1]!).toBeLessThanOrEqual(10);
      }
    }
    expect([...repeatCounts].sort()).toEqual([1, 2]);
  });

  it('says a resolved incident is back in its title', () => {
    const resolved = alerts(7, 3000).filter((alert) => alert.status === 'resolved');
    const down = resolved.find((alert) => alert.alert_id!.endsWith(':down'));
    expect(down?.title).toBe(`${down!.service} is back`);
  });

  it('acknowledges only ids it sent, and marks the rest of an acknowledged incident', () => {
    const desk = new AlertDesk(seededRandom(8));
    expect(desk.acknowledge('orders-db:down')).toBe(false);
    const sent: Alert[] = [];
    let first: Alert | undefined;
    while (first === undefined) {
      const alert = desk.next();
      sent.push(alert);
      if (alert.status === 'firing') first = alert;
    }
    expect(desk.acknowledge(first.alert_id!)).toBe(true);
    for (let i = 0; i < 40; i++) sent.push(desk.next());
    const later = sent.filter((alert) => alert.alert_id === first.alert_id).slice(1);
    expect(later.length).toBeGreaterThanOrEqual(2);
    expect(later[0]!.acknowledged).toBe(true);
    // Acks change no other word of the story: the same seed without the ack says the same.
    const plain = alerts(8, sent.length);
    expect(sent.map(({ acknowledged: _, ...rest }) => rest)).toEqual(plain);
    // A resolved incident's id stays known: a late press is still accepted.
    expect(desk.acknowledge(first.alert_id!)).toBe(true);
    expect(desk.acknowledge('')).toBe(false);
  });
});
