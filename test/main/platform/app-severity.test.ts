import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPageView } from '../../../src/shared/ipc.ts';
import { trayMenuOf } from '../../support/fake-electron.ts';
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

/** A server that sends these events (`{t, p}`: title and priority) once per connection. */
async function opsServer(events: { t: string; p: number }[]): Promise<TestServer> {
  return startTestServer((_req, res) => {
    openStream(res);
    events.forEach((event, index) => res.write(`id: ${index + 1}\ndata: ${JSON.stringify(event)}\n\n`));
  });
}

const opsFeed = (url: string, notify: Record<string, unknown> = {}) => ({
  id: 'ops',
  name: 'Ops',
  url,
  mapping: { title: '/t', severity: '/p' },
  notify: { minIntervalS: 0, ...notify },
});

async function decisions(app: BootedApp): Promise<string[]> {
  const page = valueOf<HistoryPageView>(await app.invoke('history:query', { feedId: 'ops' }));
  return page.events.map((event) => `${event.title}:${event.severity}:${event.decision}`).reverse();
}

describe('severity, snooze and sound in the whole app', () => {
  it('an urgent event breaks through do-not-disturb, a low one waits in unread; urgent stays on screen', async () => {
    server = await opsServer([
      { t: 'orders-db is down', p: 5 },
      { t: 'maintenance at 02:00', p: 2 },
    ]);
    booted = await bootApp();
    valueOf(await booted.invoke('app:setDoNotDisturb', { manual: true }));
    valueOf(await booted.invoke('feeds:add', opsFeed(server.url)));
    await until(() => booted!.app.core.eventsDelivered === 2, 'two events');
    expect(booted.fake.notifications.map((n) => n.options.title)).toEqual(['Ops: orders-db is down']);
    expect(booted.fake.notifications[0]!.options).toMatchObject({
      urgency: 'critical',
      timeoutType: 'never',
    });
    await booted.app.core.flushHistory();
    expect(await decisions(booted)).toEqual(['orders-db is down:5:notified', 'maintenance at 02:00:2:dnd']);
    expect(booted.app.core.state().totalUnread).toBe(2);
    // The urgent one is unread: the tray's urgent icon, with the count, until it is seen.
    await until(() => /tray-urgent-2\.png$/.test(booted!.fake.trays[0]!.image.path), 'the urgent icon');
    valueOf(await booted.invoke('history:markRead', {}));
    await until(
      () => /tray-dnd\.png$/.test(booted!.fake.trays[0]!.image.path),
      'urgent seen: back to do-not-disturb',
    );
  });

  it('a snoozed feed keeps its events in history and unread, says so in the tray, and urgent still notifies', async () => {
    server = await opsServer([
      { t: 'disk 81%', p: 3 },
      { t: 'disk full', p: 5 },
    ]);
    booted = await bootApp();
    valueOf(await booted.invoke('feeds:add', { ...opsFeed(server.url), enabled: false }));
    valueOf(await booted.invoke('feeds:snooze', { id: 'ops', choice: '4h' }));
    await until(
      () =>
        trayMenuOf(booted!.fake)
          .labels()
          .some((label) => /^Ops — off, snoozed until /.test(label)),
      'snoozed in the tray',
    );
    const snoozed = valueOf<{ snoozedUntil: number | null }>(
      await booted.invoke('feeds:snooze', { id: 'ops', choice: 'manual' }),
    );
    // The editor sends the saved snooze back with every save, so turning the feed on keeps it snoozed.
    valueOf(
      await booted.invoke('feeds:update', { ...opsFeed(server.url), snoozedUntil: snoozed.snoozedUntil }),
    );
    await until(() => booted!.app.core.eventsDelivered === 2, 'two events');
    expect(booted.fake.notifications.map((n) => n.options.title)).toEqual(['Ops: disk full']);
    await booted.app.core.flushHistory();
    expect(await decisions(booted)).toEqual(['disk 81%:3:snoozed', 'disk full:5:notified']);
    await until(
      () => trayMenuOf(booted!.fake).labels().includes('Ops — connected, snoozed (2 unread)'),
      'the snoozed feed with its unread count in the tray',
    );

    trayMenuOf(booted.fake).clickPath('Snooze', 'Ops', 'Resume notifications');
    await until(() => booted!.app.core.feedConfig('ops')?.snoozedUntil === null, 'resumed from the tray');
  });

  it('holds events below the feed’s minimum severity back from notifying', async () => {
    server = await opsServer([
      { t: 'debug line', p: 1 },
      { t: 'warning', p: 4 },
    ]);
    booted = await bootApp();
    valueOf(await booted.invoke('feeds:add', opsFeed(server.url, { minSeverity: 4 })));
    await until(() => booted!.app.core.eventsDelivered === 2, 'two events');
    expect(booted.fake.notifications.map((n) => n.options.title)).toEqual(['Ops: warning']);
    await booted.app.core.flushHistory();
    expect(await decisions(booted)).toEqual(['debug line:1:below-min-severity', 'warning:4:notified']);
  });

  it('plays a bundled sound from the window once per burst, with the OS sound silenced', async () => {
    server = await opsServer(Array.from({ length: 6 }, (_, i) => ({ t: `tick ${i}`, p: 3 })));
    booted = await bootApp();
    valueOf(await booted.invoke('feeds:add', opsFeed(server.url, { sounds: { default: 'chime' } })));
    await until(() => booted!.fake.notifications.length === 6, 'six notifications');
    expect(booted.fake.notifications.every((n) => n.options.silent === true)).toBe(true);
    await until(() => booted!.window.webContents.sent.some((m) => m.channel === 'push:sound'), 'a sound');
    const sounds = booted.window.webContents.sent.filter((m) => m.channel === 'push:sound');
    expect(sounds).toEqual([{ channel: 'push:sound', payload: { name: 'chime' } }]);
  });

  it('shows the unread count beside the macOS menu-bar icon and on the dock, and clears it on Mark all read', async () => {
    server = await opsServer([
      { t: 'a', p: 3 },
      { t: 'b', p: 3 },
    ]);
    booted = await bootApp({ host: { platform: 'darwin' } });
    valueOf(await booted.invoke('feeds:add', opsFeed(server.url)));
    await until(() => booted!.fake.trays[0]!.title === '2', 'the count beside the icon');
    expect(booted.fake.app.badgeCount).toBe(2);
    trayMenuOf(booted.fake).click('Mark all read');
    await until(() => booted!.fake.trays[0]!.title === '', 'the count cleared');
    expect(booted.fake.app.badgeCount).toBe(0);
  });
});
