import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { history, parseSince, type HistoryIo } from '../../src/cli/history.ts';
import { userDataDir } from '../../src/cli/history-path.ts';
import { LineWriter } from '../../src/cli/output.ts';
import { HistoryStore } from '../../src/main/pipeline/history.ts';
import { feedEvent } from '../main/pipeline/make-event.ts';

const BIN = fileURLToPath(new URL('../../bin/feedtray.js', import.meta.url));
const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;

let dir: string;
let store: HistoryStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedtray-cli-history-'));
  await writeFile(
    join(dir, 'settings.json'),
    JSON.stringify({ version: 2, feeds: [{ id: 'ops-1', name: 'Orders DB', url: 'https://example.com/' }] }),
  );
  // The app's store, left open and writing while the command reads (events from 2023: no age limit).
  store = new HistoryStore({ dir, retention: { maxAgeDays: 3650 } });
  store.append(
    feedEvent({
      feedId: 'ops-1',
      id: '1',
      title: 'replica lag',
      body: 'orders-db is 30 s behind',
      receivedAt: NOW - 3 * HOUR,
    }),
  );
  store.append(
    feedEvent({
      feedId: 'ops-1',
      id: '2',
      title: 'disk full',
      body: 'orders-db volume at 99%',
      receivedAt: NOW - HOUR,
    }),
  );
  store.append(
    feedEvent({
      feedId: 'rates',
      id: '1',
      title: 'USD/CNY',
      body: '\u001b[31mred',
      receivedAt: NOW - 60_000,
    }),
  );
  store.commitNow();
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function captured() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const io: HistoryIo = {
    stdout: new LineWriter(out),
    stderr: new LineWriter(err),
    now: () => NOW,
    userData: dir,
    color: false,
  };
  return { io, text: () => ({ stdout, stderr }) };
}

describe('feedtray history', () => {
  it('searches the app database read-only while the app writes, newest first', async () => {
    const { io, text } = captured();
    expect(await history(['--search', 'orders'], io)).toBe(0);
    const lines = text().stdout.trim().split('\n');
    expect(lines).toEqual([
      '2023-11-14 21:13:20  ops-1  disk full  orders-db volume at 99%',
      '2023-11-14 19:13:20  ops-1  replica lag  orders-db is 30 s behind',
    ]);
    expect(text().stderr).toMatch(/2 of 2 matching events/);
    store.append(feedEvent({ feedId: 'ops-1', id: '3', title: 'orders again', receivedAt: NOW }));
    store.commitNow();
    expect(await history(['--search', 'orders', '--json', '--limit', '1'], captured().io)).toBe(0);
  });

  it('filters by feed name or id and by --since, and prints JSON lines', async () => {
    const { io, text } = captured();
    expect(await history(['--feed', 'orders db', '--since', '2h', '--json'], io)).toBe(0);
    const rows = text()
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; snippet: unknown[] });
    expect(rows.map((row) => row.key)).toEqual(['ops-1:2']);
  });

  it('never writes control characters from feed text to the terminal', async () => {
    const { io, text } = captured();
    await history(['--feed', 'rates'], io);
    expect(text().stdout).not.toContain('\u001b');
  });

  it('says where it looked when there is no database, exit 1', async () => {
    const { io, text } = captured();
    expect(await history(['--db', join(dir, 'none.db')], io)).toBe(1);
    expect(text().stderr).toMatch(/no history database at .*none\.db/);
  });

  it('runs as the real command, with usage errors exit 2', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'history', ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });
    const found = await run(['--db', join(dir, 'history.db'), '--search', '"disk full', '--json']);
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('"key":"ops-1:2"');
    const bad = await run(['--since', 'yesterday-ish']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since yesterday-ish/);
  });

  it('reads durations and dates for --since', () => {
    expect(parseSince('15m', NOW)).toBe(NOW - 15 * 60_000);
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * 24 * HOUR);
    expect(parseSince('2024-06-01', NOW)).toBe(Date.parse('2024-06-01'));
    expect(() => parseSince('soon', NOW)).toThrow(/--since soon/);
  });

  it('finds the app folder where Electron puts it on each OS', () => {
    expect(userDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/FeedTray');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/FeedTray');
    expect(userDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/FeedTray');
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toContain(
      'FeedTray',
    );
  });
});
