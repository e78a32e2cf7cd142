import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/main/ports.ts';
import { startCore, type FeedTrayCore, type NotificationRequest } from '../../src/main/core/index.ts';
import type { PushPayloads } from '../../src/shared/ipc.ts';
import { FixedKeyTestSecretBox } from './fixed-key-test-secret-box.ts';

/** A real core in a temp user-data folder, recording what it would show and push. */
export interface CoreUnderTest {
  core: FeedTrayCore;
  dir: string;
  notifications: NotificationRequest[];
  /** Tags of the notifications the core closed. */
  closed: string[];
  pushes: { channel: keyof PushPayloads; payload: unknown }[];
  opened: string[];
  /** Stops the core (and, unless kept, removes its folder). */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

export async function bootCore(
  options: {
    dir?: string;
    notificationsSupported?: boolean;
    actionTimeoutMs?: number;
    /** Runs before each notification is recorded (a test may throw from it, as a broken OS would). */
    beforeShow?: (notification: NotificationRequest) => void;
  } = {},
): Promise<CoreUnderTest> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'feedtray-core-')));
  const notifications: NotificationRequest[] = [];
  const pushes: CoreUnderTest['pushes'] = [];
  const closed: string[] = [];
  const opened: string[] = [];
  const core = await startCore({
    userDataDir: dir,
    fetch: globalThis.fetch,
    clock: systemClock,
    secretBox: new FixedKeyTestSecretBox(),
    notifier: {
      isSupported: () => options.notificationsSupported ?? true,
      show: (n) => {
        options.beforeShow?.(n);
        notifications.push(n);
      },
      close: (tag) => closed.push(tag),
    },
    version: '0.0.0-test',
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    signIn: () => Promise.resolve(),
    demoPort: 0,
    random: () => 0,
    ...(options.actionTimeoutMs === undefined ? {} : { actionTimeoutMs: options.actionTimeoutMs }),
  });
  core.onPush((channel, payload) => pushes.push({ channel, payload }));
  return {
    core,
    dir,
    notifications,
    closed,
    pushes,
    opened,
    stop: async ({ keepDir = false } = {}) => {
      await core.stop();
      if (!keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
