/** The demo alerts feed's content: ops alerts of three severities, mostly calm, sometimes not. */

import { pick, type Random } from './random.ts';

/** How bad an alert is; also the SSE event type it is sent under. */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** Every severity, in rising order: the `/alerts` feed's event types. */
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/** One ops alert as the `/alerts` feed sends it (JSON in the event's data). */
export interface Alert {
  title: string;
  body: string;
  service: string;
  severity: AlertSeverity;
}

type Template = (service: string, random: Random) => { title: string; body: string };

const SERVICES = [
  'checkout-api',
  'payments',
  'search',
  'auth',
  'orders-db',
  'billing-worker',
  'cdn-edge',
  'notifications',
] as const;

const percent = (random: Random, low: number, high: number): number =>
  Math.round(low + random() * (high - low));

const TEMPLATES: Record<AlertSeverity, readonly [Template, ...Template[]]> = {
  info: [
    (service) => ({ title: `Deploy finished: ${service}`, body: `Version rolled out to all instances.` }),
    (service, random) => ({
      title: `${service} scaled out`,
      body: `Autoscaler added ${1 + Math.floor(random() * 4)} instances after a traffic rise.`,
    }),
    (service) => ({
      title: `Certificate renewed for ${service}`,
      body: 'The new certificate is valid for 90 days.',
    }),
    (service) => ({
      title: `Scheduled maintenance for ${service}`,
      body: 'Maintenance window starts at 02:00 UTC.',
    }),
  ],
  warning: [
    (service, random) => ({
      title: `High CPU on ${service}`,
      body: `CPU above ${percent(random, 80, 95)}% for 5 minutes.`,
    }),
    (service, random) => ({
      title: `Slow responses from ${service}`,
      body: `p95 latency is ${percent(random, 600, 1500)} ms (target 500 ms).`,
    }),
    (service, random) => ({
      title: `Disk filling up on ${service}`,
      body: `Data volume is ${percent(random, 80, 92)}% full.`,
    }),
    (service) => ({
      title: `Retry storm in ${service}`,
      body: 'Upstream retries doubled in the last 10 minutes.',
    }),
  ],
  critical: [
    (service, random) => ({
      title: `${service} is down`,
      body: `Health checks failing in ${1 + Math.floor(random() * 3)} of 3 zones.`,
    }),
    (service, random) => ({
      title: `Error rate spike in ${service}`,
      body: `${percent(random, 12, 40)}% of requests failing with 5xx.`,
    }),
    (service) => ({
      title: `Replication stopped for ${service}`,
      body: 'Replica lag is growing; failover is not safe.',
    }),
  ],
};

/** The next alert: most are info, some warnings, few critical, as on a real ops channel. */
export function nextAlert(random: Random): Alert {
  const roll = random();
  const severity: AlertSeverity = roll < 0.6 ? 'info' : roll < 0.9 ? 'warning' : 'critical';
  const service = pick(random, SERVICES);
  const { title, body } = pick(random, TEMPLATES[severity])(service, random);
  return { title, body, service, severity };
}
