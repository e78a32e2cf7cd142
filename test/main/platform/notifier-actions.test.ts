import { describe, expect, it } from 'vitest';
import { ElectronNotifier } from '../../../src/main/platform/electron-notifier.ts';
import type { NotificationRequest } from '../../../src/shared/presentation/notification-text.ts';
import { createFakeElectron } from '../../support/fake-electron.ts';

describe('ElectronNotifier buttons', () => {
  const fake = createFakeElectron({ appRoot: '/nowhere', userData: '/nowhere' });
  const calls: string[] = [];
  const notifier = (platform: NodeJS.Platform) =>
    new ElectronNotifier({
      Notification: fake.Notification,
      platform,
      actions: {
        openLink: (url) => calls.push(`link ${url}`),
        showEvent: (key, feedId) => calls.push(`event ${feedId} ${key}`),
        runAction: (key, actionId) => calls.push(`run ${key} ${actionId}`),
      },
    });
  const request: NotificationRequest = {
    title: 'Ops: Disk full',
    body: '',
    feedId: 'ops',
    eventKey: 'ops:1',
    link: 'https://status.example/1',
    severity: 3,
    urgency: 'normal',
    sticky: false,
    sound: 'os',
    actions: [
      { id: 'server:0', label: 'Open' },
      { id: 'feed:ack', label: 'Acknowledge' },
    ],
  };

  it('shows the buttons on macOS and Windows and runs the pressed one', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      calls.length = 0;
      await notifier(platform).showAndWatch(request);
      const shown = fake.notifications.at(-1)!;
      expect(shown.options.actions).toEqual([
        { type: 'button', text: 'Open' },
        { type: 'button', text: 'Acknowledge' },
      ]);
      shown.pressAction(1);
      expect(calls).toEqual(['run ops:1 feed:ack']);
      // A click on the notification itself still opens its link there.
      shown.click();
      expect(calls.at(-1)).toBe('link https://status.example/1');
    }
  });

  it('elsewhere shows no buttons, and a click opens the event (with its buttons) instead of the link', async () => {
    calls.length = 0;
    await notifier('linux').showAndWatch(request);
    const shown = fake.notifications.at(-1)!;
    expect(shown.options.actions).toBeUndefined();
    shown.click();
    expect(calls).toEqual(['event ops ops:1']);
  });

  it('ignores a press of a button it never showed', async () => {
    calls.length = 0;
    await notifier('darwin').showAndWatch(request);
    fake.notifications.at(-1)!.pressAction(7);
    expect(calls).toEqual([]);
  });

  it('names a tagged notification to macOS and Windows, groups by feed, and removes it from Notification Center on close', async () => {
    const tagged: NotificationRequest = { ...request, tag: 'incident:7', actions: [] };
    await notifier('darwin').showAndWatch(tagged);
    expect(fake.notifications.at(-1)!.options).toMatchObject({ id: 'incident:7', groupId: 'feed:ops' });

    // Replacing is the OS's business (same id): nothing is closed or removed that could take the new
    // one away; on Linux, which has no ids, the old one is closed first.
    const mac = notifier('darwin');
    await mac.showAndWatch(tagged);
    await mac.showAndWatch(tagged);
    expect(fake.notifications.slice(-2).map((n) => n.closed)).toEqual([false, false]);
    expect(fake.removedNotificationIds).toEqual([]);
    const linux = notifier('linux');
    await linux.showAndWatch(tagged);
    await linux.showAndWatch(tagged);
    expect(fake.notifications.slice(-2).map((n) => n.closed)).toEqual([true, false]);
    // After a restart the object is gone; Notification Center still knows the id.
    const fresh = notifier('darwin');
    fresh.close('incident:7');
    expect(fake.removedNotificationIds).toEqual(['incident:7']);

    await notifier('win32').showAndWatch(tagged);
    expect(fake.notifications.at(-1)!.options).toMatchObject({ id: 'incident:7', groupId: 'feed:ops' });
    notifier('win32').close('incident:7');
    expect(fake.removedNotificationIds).toEqual(['incident:7']); // remove() is macOS only

    await notifier('linux').showAndWatch(tagged);
    expect(fake.notifications.at(-1)!.options.id).toBeUndefined();
    expect(fake.notifications.at(-1)!.options.groupId).toBeUndefined();
  });
});
