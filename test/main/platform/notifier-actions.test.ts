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
});
