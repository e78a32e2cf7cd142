import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../src/shared/feed.ts';
import { waitFor } from '../support/sse-server.ts';
import { bootChaosApp, type ChaosApp } from './app-boot.ts';
import { startChaosServer, type ChaosServer } from './chaos-server.ts';
import { committedSeq, describeMismatch, heapAfterGc, mib, sleep, trapProcessErrors } from './support.ts';

/**
 * The reliability run: the whole main process (`runApp` on the Electron fake) with 20 feeds on the
 * chaos server (see chaos-server.ts for the schedule and for what "committed" means), while the OS
 * sleeps and wakes and the network goes away and comes back. Then every feed must hold seq 1..N once
 * and in order, in what the window was pushed and in the history database; no notification may be shown
 * twice; every feed must end `open` at the server's last id; the heap must stay bounded; and nothing
 * may escape as an unhandled rejection or exception. `CHAOS_SEED=n` replays another schedule.
 */
const FEEDS = 20;
const EVENTS_PER_FEED = 1100; // 22,000 committed events in all
const SEED = Number(process.env.CHAOS_SEED ?? 20_240_607);

let app: ChaosApp | undefined;
let server: ChaosServer | undefined;
afterEach(async () => {
  await app?.quit();
  app = undefined;
  await server?.close();
  server = undefined;
});

describe('FeedTray (the whole main process on the Electron fake) under a misbehaving server', () => {
  it('delivers every committed event exactly once, in order, across 20 feeds and 22,000 events', async () => {
    const trap = trapProcessErrors();
    try {
      // The newest committed seq each feed has pushed to the window, for the server's position check.
      const received = new Map<string, number>();
      let seen = 0;
      const knownToClient = (index: number) => {
        const pushed = app?.pushedEvents() ?? [];
        for (; seen < pushed.length; seen++) {
          const event = pushed[seen]!;
          const seq = committedSeq(event.data, event.feedId);
          if (seq !== null) received.set(event.feedId, Math.max(received.get(event.feedId) ?? 0, seq));
        }
        return received.get(`f${index}`) ?? 0;
      };
      server = await startChaosServer({
        knownToClient,
        seed: SEED,
        feeds: FEEDS,
        eventsPerFeed: EVENTS_PER_FEED,
        eventsPerTick: 2,
        tickMs: 50, // 40 events/s per feed, 800/s in all, for about 28 s
        stallsPerFeed: 1,
        hugeLines: 8,
      });
      app = await bootChaosApp();
      const { core } = app.app;
      expect((await app.invoke('prefs:set', { historySize: 10_000 })).ok).toBe(true);
      const heapBefore = heapAfterGc();
      for (let i = 0; i < FEEDS; i++) {
        const added = await app.invoke('feeds:add', {
          id: server.feedId(i),
          name: `Chaos ${i}`,
          url: server.feedUrl(i),
          mapping: { title: '/title' },
          stallTimeoutS: 5,
          // Odd feeds notify on every event; even feeds coalesce bursts with the default interval.
          notify: i % 2 === 1 ? { minIntervalS: 0 } : {},
        });
        expect(added.ok).toBe(true);
      }

      // The OS's part: sleep/resume and the network going away, while the server misbehaves.
      let offlineReasons: string[] = [];
      const disruptions = (async () => {
        await sleep(6000);
        app.resume();
        await sleep(5000);
        app.setOnline(false);
        await sleep(300); // the app polls net.isOnline() every 20 ms here
        offlineReasons = core.statuses().map((status) => status.reason.code);
        await sleep(500);
        app.setOnline(true);
        await sleep(5000);
        app.resume();
        await sleep(50);
        app.resume();
      })();

      let heapMid = 0;
      const midpoint = sleep(14_000).then(() => (heapMid = heapAfterGc()));
      await server.produced;
      await Promise.all([disruptions, midpoint]);
      server.calm();

      const caughtUp = () =>
        Array.from({ length: FEEDS }, (_, i) => i).every(
          (i) => knownToClient(i) === EVENTS_PER_FEED && core.status(server!.feedId(i))?.state === 'open',
        );
      await waitFor(caughtUp, 'every feed caught up and open', 90_000);
      await sleep(500); // anything still in flight would show up as a duplicate now
      await core.flushHistory();

      const pushed: FeedEvent[] = app.pushedEvents();
      const db = new DatabaseSync(join(app.userData, 'history.db'), { readOnly: true });
      const stored = db.prepare('SELECT feed AS feedId, data FROM events ORDER BY rowid').all() as {
        feedId: string;
        data: string;
      }[];
      const integrity = db.prepare('PRAGMA integrity_check').get();
      db.close();
      let committed = 0;
      let uncommittedDelivered = 0;
      for (let i = 0; i < FEEDS; i++) {
        const feedId = server.feedId(i);
        const ofFeed = pushed.filter((event) => event.feedId === feedId);
        const seqs = ofFeed.flatMap((event) => committedSeq(event.data, feedId) ?? []);
        uncommittedDelivered += ofFeed.length - seqs.length;
        committed += server.committed(i);
        expect(server.committed(i)).toBe(EVENTS_PER_FEED);
        expect(describeMismatch(seqs, EVENTS_PER_FEED), `${feedId}: pipeline`).toBeNull();
        const kept = stored.flatMap((event) =>
          event.feedId === feedId ? (committedSeq(event.data, feedId) ?? []) : [],
        );
        expect(describeMismatch(kept, EVENTS_PER_FEED), `${feedId}: history database`).toBeNull();
        expect(core.status(feedId)?.state, feedId).toBe('open');
        expect(core.lastEventId(feedId), feedId).toBe(String(EVENTS_PER_FEED));
      }
      expect(server.stats.requestsWithoutLastEventId, 'requests that forgot the position').toBe(0);
      expect(offlineReasons).toEqual(Array.from({ length: FEEDS }, () => 'offline'));
      expect(integrity).toEqual({ integrity_check: 'ok' });

      // Notifications as the OS got them. One for a single event is titled "Chaos 3: f3 #12" (feed name,
      // then the mapped title), so each title names one event; summaries ("12 new from Chaos 2") do not.
      const titles = app.fake.notifications.map((notification) => notification.options.title ?? '');
      const perEvent = titles.filter((title) => /^Chaos \d+: f\d+ #\d+$/.test(title));
      expect(new Set(perEvent).size, 'a notification shown twice').toBe(perEvent.length);
      for (let i = 1; i < FEEDS; i += 2) {
        // minIntervalS 0: every event delivered notifies once, garbage events included.
        const feedId = server.feedId(i);
        expect(
          titles.filter((title) => title === `Chaos ${i}` || title.startsWith(`Chaos ${i}: `)),
        ).toHaveLength(pushed.filter((event) => event.feedId === feedId).length);
      }
      const notifications = titles.length;
      const heapAfter = heapAfterGc();
      console.log(
        [
          `chaos: seed ${SEED}, ${committed.toLocaleString('en')} committed events over ${FEEDS} feeds, ` +
            `${server.stats.requests} requests, ${mib(server.stats.bytesSent)} sent`,
          `chaos: actions ${JSON.stringify(server.stats.actions)}`,
          `chaos: delivered ${pushed.length} events (${uncommittedDelivered} uncommitted garbage events among them), ` +
            `${core.duplicatesDropped} replays dropped, ${notifications} notifications`,
          `chaos: requests that forgot Last-Event-ID: ${server.stats.requestsWithoutLastEventId}`,
          `chaos: heap after GC ${mib(heapBefore)} at start, ${mib(heapMid)} mid-run, ${mib(heapAfter)} at end ` +
            `(gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'NOT exposed'})`,
        ].join('\n'),
      );
      expect(committed).toBeGreaterThanOrEqual(20_000);
      // History keeps 22,000 events in memory and the test records every push: 200 MiB is generous.
      expect(heapAfter - heapBefore).toBeLessThan(200 * 2 ** 20);
      await app.quit();
      app = undefined;
      await sleep(50);
      expect(trap.errors).toEqual([]);
    } finally {
      trap.stop();
    }
  });
});
