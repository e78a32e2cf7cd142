/**
 * The demo alerts feed's words: info notes, and the warning and critical problems that become incidents
 * (each with the text it fires with and the text it resolves with). When they happen is `alert-desk.ts`.
 */

import type { Random } from './random.ts';

/** How bad an alert is; also the SSE event type it is sent under. */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** Every severity, in rising order: the `/alerts` feed's event types. */
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/** Whether an incident's alert says the problem is there, or that it is over. */
export type AlertStatus = 'firing' | 'resolved';

/** One ops alert as the `/alerts` feed sends it (JSON in the event's data). */
export interface Alert {
  title: string;
  body: string;
  service: string;
  severity: AlertSeverity;
  /** Which incident it belongs to (`orders-db:down`: service and problem); warnings and critical only. */
  alert_id?: string;
  status?: AlertStatus;
  /** On an incident's later alerts once someone acknowledged it (`POST /alerts/{alert_id}/ack`). */
  acknowledged?: true;
}

export const SERVICES = [
  'checkout-api',
  'payments',
  'search',
  'auth',
  'orders-db',
  'billing-worker',
  'cdn-edge',
  'notifications',
] as const;

type Words = { title: string; body: string };
type InfoTemplate = (service: string, random: Random) => Words;

export const INFO_TEMPLATES: readonly [InfoTemplate, ...InfoTemplate[]] = [
  (service) => ({ title: `Deploy finished: ${service}`, body: `Version rolled out to all instances.` }),
  (service, random) => ({
    title: `${service} scaled out`,
    body: `Autoscaler added ${2 + Math.floor(random() * 4)} instances after a traffic rise.`,
  }),
  (service) => ({
    title: `Certificate renewed for ${service}`,
    body: 'The new certificate is valid for 90 days.',
  }),
  (service) => ({
    title: `Scheduled maintenance for ${service}`,
    body: 'Maintenance window starts at 02:00 UTC.',
  }),
];

/** A problem a service can have: one incident per service and problem at a time. */
export interface Problem {
  /** The problem half of the alert id (`down` in `orders-db:down`). */
  slug: string;
  severity: 'warning' | 'critical';
  /** The whole numbers the alert reports (CPU %, ms, zones); a repeat reports one at least as bad. */
  low: number;
  high: number;
  firing(service: string, value: number): Words;
  resolved(service: string): Words;
}

export const PROBLEMS: Record<Problem['severity'], readonly [Problem, ...Problem[]]> = {
  warning: [
    {
      slug: 'cpu',
      severity: 'warning',
      low: 80,
      high: 98,
      firing: (service, value) => ({
        title: `High CPU on ${service}`,
        body: `CPU at ${value}% for 5 minutes.`,
      }),
      resolved: (service) => ({ title: `CPU back to normal on ${service}`, body: 'CPU below 60%.' }),
    },
    {
      slug: 'latency',
      severity: 'warning',
      low: 600,
      high: 2500,
      firing: (service, value) => ({
        title: `Slow responses from ${service}`,
        body: `p95 latency is ${value} ms (target 500 ms).`,
      }),
      resolved: (service) => ({ title: `${service} is fast again`, body: 'p95 latency back under 500 ms.' }),
    },
    {
      slug: 'disk',
      severity: 'warning',
      low: 80,
      high: 97,
      firing: (service, value) => ({
        title: `Disk filling up on ${service}`,
        body: `Data volume is ${value}% full.`,
      }),
      resolved: (service) => ({ title: `Disk space freed on ${service}`, body: 'Data volume is 55% full.' }),
    },
    {
      slug: 'retries',
      severity: 'warning',
      low: 2,
      high: 6,
      firing: (service, value) => ({
        title: `Retry storm in ${service}`,
        body: `Upstream retries are ${value}× normal in the last 10 minutes.`,
      }),
      resolved: (service) => ({ title: `Retries calm in ${service}`, body: 'Upstream retries are normal.' }),
    },
  ],
  critical: [
    {
      slug: 'down',
      severity: 'critical',
      low: 1,
      high: 3,
      firing: (service, value) => ({
        title: `${service} is down`,
        body: `Health checks failing in ${value} of 3 zones.`,
      }),
      resolved: (service) => ({ title: `${service} is back`, body: 'Health checks pass in all zones.' }),
    },
    {
      slug: 'errors',
      severity: 'critical',
      low: 12,
      high: 60,
      firing: (service, value) => ({
        title: `Error rate spike in ${service}`,
        body: `${value}% of requests failing with 5xx.`,
      }),
      resolved: (service) => ({ title: `Errors back to normal in ${service}`, body: 'Under 0.1% 5xx.' }),
    },
    {
      slug: 'replication',
      severity: 'critical',
      low: 30,
      high: 600,
      firing: (service, value) => ({
        title: `Replication stopped for ${service}`,
        body: `Replica lag is ${value} s and growing; failover is not safe.`,
      }),
      resolved: (service) => ({
        title: `Replication caught up on ${service}`,
        body: 'Replica lag under 1 s.',
      }),
    },
  ],
};

/** A whole number from `low` to `high`, both included. */
export const wholeBetween = (random: Random, low: number, high: number): number =>
  Math.min(high, low + Math.floor(random() * (high - low + 1)));
