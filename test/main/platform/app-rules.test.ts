import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPageView } from '../../../src/shared/ipc.ts';
import { openStream, startTestServer, type TestServer } from '../../support/sse-server.ts';
import { appRoot, bootApp, removeAppRoot, until, valueOf, type BootedApp } from './app-harness.ts';

let booted: BootedApp | undefined;
let server: TestServer | undefined;
beforeAll(async () => void (await appRoot()));
afterAll(removeAppRoot);
afterEach(async () => {
  await booted?.close();
  booted = undefined;
  await server?.close();
  server = undefined;
});

/** A rate server: sends these ticks once per connection. */
async function rateServer(ticks: { pair: string; rate: number }[]): Promise<TestServer> {
  return startTestServer((_req, res) => {
    openStream(res);
    ticks.forEach((tick, index) => res.write(`id: ${index + 1}\ndata: ${JSON.stringify(tick)}\n\n`));
  });
}

const crossingRule = {
  name: 'Above 7.20',
  conditions: [{ op: 'crossesAbove', field: '/rate', level: 7.2, per: '/pair' }],
  outcome: { kind: 'notify', severity: 4 },
  message: '{/pair} crossed {/rate}',
};
const everythingElseQuiet = { name: 'Otherwise quiet', conditions: [], outcome: { kind: 'quiet' } };

const ratesFeed = (url: string, rules: unknown[]) => ({
  id: 'rates',
  name: 'Rates',
  url,
  mapping: { title: '/pair', value: '/rate' },
  notify: { minIntervalS: 0 },
  rules,
});

async function decisions(app: BootedApp): Promise<string[]> {
  await app.app.core.flushHistory();
  const page = valueOf<HistoryPageView>(await app.invoke('history:query', { feedId: 'rates' }));
  return page.events
    .map((event) => `${event.title} ${event.value}: ${event.decision} by ${event.rule ?? '-'}`)
    .reverse();
}

describe('rules in the whole app', () => {
  it('a rate crossing a level notifies once per crossing, per pair, with the rule’s message; the rest stays quiet', async () => {
    server = await rateServer([
      { pair: 'USD/CNY', rate: 7.18 },
      { pair: 'EUR/USD', rate: 7.25 }, // another series: its first value is no crossing of USD/CNY's
      { pair: 'USD/CNY', rate: 7.21 }, // crossing 1
      { pair: 'USD/CNY', rate: 7.22 }, // still above: nothing
      { pair: 'USD/CNY', rate: 7.19 },
      { pair: 'USD/CNY', rate: 7.2 }, // crossing 2 (reaching the level counts)
      { pair: 'EUR/USD', rate: 7.26 },
    ]);
    booted = await bootApp();
    valueOf(await booted.invoke('feeds:add', ratesFeed(server.url, [crossingRule, everythingElseQuiet])));
    await until(() => booted!.app.core.eventsDelivered === 7, 'seven ticks');
    expect(booted.fake.notifications.map((n) => n.options.title)).toEqual([
      'Rates: USD/CNY crossed 7.21',
      'Rates: USD/CNY crossed 7.2',
    ]);
    expect(await decisions(booted)).toEqual([
      'USD/CNY 7.18: rule-quiet by Otherwise quiet',
      'EUR/USD 7.25: rule-quiet by Otherwise quiet',
      'USD/CNY 7.21: notified by Above 7.20',
      'USD/CNY 7.22: rule-quiet by Otherwise quiet',
      'USD/CNY 7.19: rule-quiet by Otherwise quiet',
      'USD/CNY 7.2: notified by Above 7.20',
      'EUR/USD 7.26: rule-quiet by Otherwise quiet',
    ]);
    // The rule's severity (4, high) is the event's: stored, and what ranked the notification.
    const page = valueOf<HistoryPageView>(await booted.invoke('history:query', { feedId: 'rates' }));
    expect(page.events.filter((event) => event.rule === 'Above 7.20').map((event) => event.severity)).toEqual(
      [4, 4],
    );
    expect(page.events.find((event) => event.rule === 'Above 7.20')?.message).toBe('USD/CNY crossed 7.2');
  });

  it('a rule that notifies passes keyword filters and the minimum severity, but not a quiet-by-rule or marked outcome', async () => {
    server = await rateServer([
      { pair: 'USD/CNY', rate: 7.3 },
      { pair: 'GBP/USD', rate: 1.2 },
      { pair: 'JPY/USD', rate: 0.1 },
    ]);
    booted = await bootApp();
    const rules = [
      {
        name: 'USD/CNY high',
        conditions: [
          { op: 'equals', field: '/pair', value: 'USD/CNY' },
          { op: 'gt', field: '', value: 7 },
        ],
        outcome: { kind: 'notify', severity: 2 },
      },
      {
        name: 'Mark pound',
        match: 'any',
        conditions: [{ op: 'matches', field: '/pair', pattern: '^gbp/' }],
        outcome: { kind: 'mark' },
      },
    ];
    valueOf(
      await booted.invoke('feeds:add', {
        ...ratesFeed(server.url, rules),
        notify: { minIntervalS: 0, minSeverity: 4, exclude: ['USD'] },
      }),
    );
    await until(() => booted!.app.core.eventsDelivered === 3, 'three ticks');
    expect(booted.fake.notifications.map((n) => n.options.title)).toEqual(['Rates: USD/CNY']);
    expect(await decisions(booted)).toEqual([
      'USD/CNY 7.3: notified by USD/CNY high',
      'GBP/USD 1.2: marked by Mark pound',
      // No rule matched: the feed's own policy decides (the exclude keyword).
      'JPY/USD 0.1: keyword by -',
    ]);
  });

  it('refuses a rule whose pattern is not a valid regular expression, in words, and keeps the feed unchanged', async () => {
    booted = await bootApp();
    const result = await booted.invoke('feeds:add', {
      ...ratesFeed('http://127.0.0.1:9/', [
        { name: 'Broken', conditions: [{ op: 'matches', field: '', pattern: '(' }] },
      ]),
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toMatch(/Not a valid regular expression: .*missing closing \)/);
    expect(booted.app.core.feedConfig('rates')).toBeUndefined();
  });
});
