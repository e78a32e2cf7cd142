import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../src/shared/ipc.ts';
import type { HistoryPageView } from '../../../src/shared/history.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
import { presetFields, presetStreamUrl } from '../../../src/shared/presets.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';
import { startNtfyServer, type NtfyServer } from '../../support/ntfy-server.ts';
import { waitFor } from '../../support/sse-server.ts';

let app: CoreUnderTest | undefined;
let ntfy: NtfyServer | undefined;
afterEach(async () => {
  await app?.stop();
  await ntfy?.close();
  app = ntfy = undefined;
});

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('an ntfy feed through the whole app core', () => {
  it('notifies with the right title, body, link and severity, loses nothing across a drop and a restart, and keeps heartbeats out', async () => {
    ntfy = await startNtfyServer({ retryMs: 1000 });
    ntfy.publish('ops', { message: 'from before the app existed', title: 'Old news', priority: 2 });
    app = await bootCore();
    const feed = value<RedactedFeed>(
      await app.core.handle('feeds:add', {
        id: 'ntfy',
        name: 'Ops',
        url: presetStreamUrl('ntfy', `${ntfy.url}/ops`),
        ...presetFields('ntfy'),
        // Every message notifies on its own, so each notification can be checked.
        notify: { minIntervalS: 0, burstThreshold: 1000 },
      }),
    );
    expect(feed.preset).toBe('ntfy');
    await waitFor(() => app!.core.eventsDelivered === 1, 'the recent message a first connect asks for');
    ntfy.publish('ops', {
      message: 'sda1 at 99%',
      title: 'Disk full',
      priority: 5,
      tags: ['rotating_light', 'db'],
      click: 'https://grafana.example/d/1',
    });
    ntfy.keepalive();
    await waitFor(() => app!.core.eventsDelivered === 2, 'the urgent message');
    ntfy.dropAll();
    await waitFor(() => ntfy!.subscribers() === 0, 'the drop');
    ntfy.publish('ops', { message: 'while dropped' });
    await waitFor(() => app!.core.eventsDelivered === 3, 'the catch-up after the drop');
    const urgent = app.notifications.find((notification) => notification.severity === 5);
    expect(urgent).toMatchObject({
      title: 'Ops: 🚨 Disk full',
      body: 'sda1 at 99%\nTags: db',
      link: 'https://grafana.example/d/1',
      urgency: 'critical',
    });
    const dir = app.dir;
    await app.stop({ keepDir: true });
    ntfy.publish('ops', { message: 'while the app was down', priority: 4 });
    app = await bootCore({ dir });
    await waitFor(() => app!.core.eventsDelivered === 1, 'the catch-up after the restart');

    const page = value<HistoryPageView>(await app.core.handle('history:query', { feedId: 'ntfy' }));
    const stored = [...page.events].reverse();
    expect(stored.map((event) => event.body.split('\n')[0])).toEqual([
      'from before the app existed',
      'sda1 at 99%',
      'while dropped',
      'while the app was down',
    ]);
    expect(stored.map((event) => event.title)).toEqual(['Old news', '🚨 Disk full', 'ops', 'ops']);
    expect(stored.map((event) => event.severity)).toEqual([2, 5, 3, 4]);
    // History keys are the ntfy message ids, as they would be SSE ids.
    for (const event of stored)
      expect(event.key).toBe(`ntfy:${(JSON.parse(event.data) as { id: string }).id}`);
    expect(stored.every((event) => event.type === 'message')).toBe(true);
    const last = app.notifications.at(-1)!;
    expect(last).toMatchObject({ title: 'Ops: ops', body: 'while the app was down', severity: 4 });
  });
});
