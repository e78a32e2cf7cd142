/**
 * The process the kill test SIGKILLs: a real core in `<dir>` that never stops writing. It streams the
 * feed at `<url>` into history (every event notifies) and rewrites settings in a tight loop, and
 * reports on stdout, one JSON line each: `{"settingsRev":n}` once a settings change was saved,
 * `{"historySeq":n}` once every event up to seq n is committed to history.db, and `{"notified":seq}`
 * as each notification is shown. Writes to a pipe are synchronous on POSIX, so a line printed before
 * the kill is a notification the user saw.
 *
 * Run: node test/chaos/kill-child.ts <dir> <url>
 */
import { systemClock } from '../../src/main/ports.ts';
import { startCore } from '../../src/main/core/index.ts';
import type { FeedEvent } from '../../src/shared/feed.ts';
import { FixedKeyTestSecretBox } from '../support/fixed-key-test-secret-box.ts';

const [dir, url] = process.argv.slice(2);
if (!dir || !url) throw new Error('usage: kill-child.ts <dir> <url>');
// A child the parent forgot must not live on.
setTimeout(() => process.exit(3), 20_000).unref();

const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

const core = await startCore({
  userDataDir: dir,
  fetch: globalThis.fetch,
  clock: systemClock,
  secretBox: new FixedKeyTestSecretBox(),
  notifier: {
    isSupported: () => true,
    show: (notification) => send({ notified: Number(notification.eventKey?.split(':')[1]) }),
    close: () => undefined,
  },
  version: '0.0.0-chaos',
  openExternal: () => Promise.resolve(),
  signIn: () => Promise.resolve(),
  demoPort: 0,
  random: () => 0,
});

const revFeed = 'http://127.0.0.1:9/rev';
if (!core.feeds().some((feed) => feed.id === 'ticks')) {
  await core.handle('prefs:set', { historySize: 100_000 });
  await core.handle('feeds:add', { id: 'rev', name: 'rev 0', url: revFeed, enabled: false });
  await core.handle('feeds:add', {
    id: 'ticks',
    name: 'Ticks',
    url,
    stallTimeoutS: 5,
    // No interval: every event notifies on its own, so each must be durable before it shows.
    notify: { enabled: true, minIntervalS: 0 },
  });
}
const revName = core.feeds().find((feed) => feed.id === 'rev')?.name ?? 'rev 0';
let rev = Number(/rev (\d+)/.exec(revName)?.[1] ?? 0);

let newestSeq = 0;
core.onPush((channel, payload) => {
  if (channel !== 'push:events') return;
  for (const event of payload as FeedEvent[]) {
    const seq = (JSON.parse(event.data) as { seq: number }).seq;
    newestSeq = Math.max(newestSeq, seq);
  }
});
send({ ready: true, rev });

void (async () => {
  for (;;) {
    rev++;
    const saved = await core.handle('feeds:update', {
      id: 'rev',
      name: `rev ${rev}`,
      url: revFeed,
      enabled: false,
    });
    if (saved.ok) send({ settingsRev: rev });
    await core.handle('prefs:set', { language: rev % 2 ? 'en' : 'zh-CN' });
  }
})();

void (async () => {
  for (;;) {
    // Events reach the push batcher after history.append, so every pushed event is in this commit.
    const seq = newestSeq;
    await core.flushHistory();
    if (seq > 0) send({ historySeq: seq });
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
})();
