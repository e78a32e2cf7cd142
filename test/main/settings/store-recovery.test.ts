import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/main/settings/store.ts';
import type { SecretBox } from '../../../src/main/settings/secret-box.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FixedKeyTestSecretBox, otherMachineSecretBox } from '../../support/fixed-key-test-secret-box.ts';
import { filesIn, readSettingsFile, useTempDir, writeSettingsText } from './settings-dir.ts';
import { anyString, containing } from './matchers.ts';

const temp = useTempDir();
// 2023-11-14T22:13:20.000Z, so kept-aside names are predictable.
const clock = new FakeClock(1_700_000_000_000);
const KEPT_STAMP = '2023-11-14T22-13-20.000Z';

function open(box: SecretBox = new FixedKeyTestSecretBox()) {
  return SettingsStore.open({ dir: temp.dir(), secretBox: box, clock });
}

const validFeed = { id: 'news', name: 'News', url: 'https://example.com/news' };

describe('SettingsStore recovery', () => {
  it('keeps unparsable JSON aside, starts with defaults and says where the file went', async () => {
    await writeSettingsText(temp.dir(), '{"version": 1, "feeds": [');
    const { store, problems } = await open();
    const keptName = `settings.corrupt-${KEPT_STAMP}.json`;
    expect(problems).toEqual([
      {
        code: 'corrupt-settings',
        message: `Your settings file could not be read; it was kept as ${keptName} and FeedTray started with defaults.`,
        keptAs: path.join(temp.dir(), keptName),
        detail: anyString,
      },
    ]);
    expect(await readFile(path.join(temp.dir(), keptName), 'utf8')).toBe('{"version": 1, "feeds": [');
    expect(store.feeds()).toEqual([]);
    expect(store.firstRunDone()).toBe(false);
  });

  it('keeps a file that breaks the schema aside too', async () => {
    const broken = JSON.stringify({ version: 1, feeds: [{ ...validFeed, url: 'javascript:alert(1)' }] });
    await writeSettingsText(temp.dir(), broken);
    const { store, problems } = await open();
    expect(problems).toMatchObject([{ code: 'corrupt-settings', detail: containing('feeds.0.url') }]);
    const [problem] = problems;
    expect(problem?.code === 'corrupt-settings' && (await readFile(problem.keptAs, 'utf8'))).toBe(broken);
    expect(store.feeds()).toEqual([]);
  });

  it('does not let a second corrupt file of the same moment replace the first one kept', async () => {
    await writeSettingsText(temp.dir(), 'first');
    await open();
    await writeSettingsText(temp.dir(), 'second');
    await open();
    expect(await filesIn(temp.dir())).toEqual([
      `settings.corrupt-${KEPT_STAMP}-2.json`,
      `settings.corrupt-${KEPT_STAMP}.json`,
    ]);
  });

  it('never overwrites a file from a newer FeedTray: it is kept aside with a message to update', async () => {
    const newer = JSON.stringify({ version: 3, feeds: [], somethingNew: true });
    await writeSettingsText(temp.dir(), newer);
    const { store, problems } = await open();
    expect(problems).toEqual([
      {
        code: 'newer-settings',
        version: 3,
        keptAs: path.join(temp.dir(), `settings.v3-${KEPT_STAMP}.json`),
        message: containing('written by a newer FeedTray (settings version 3)'),
      },
    ]);
    await store.markFirstRunDone();
    expect(await readFile(path.join(temp.dir(), `settings.v3-${KEPT_STAMP}.json`), 'utf8')).toBe(newer);
  });

  it('ignores and removes a temp file left by a crash mid-write, loading the last complete settings', async () => {
    const { store } = await open();
    await store.upsertFeed(validFeed);
    await writeFile(path.join(temp.dir(), 'settings.json.tmp-0123abcd'), '{"version": 1, "feeds": [{"id"');
    const reopened = await open();
    expect(reopened.problems).toEqual([]);
    expect(reopened.store.feeds().map((feed) => feed.id)).toEqual(['news']);
    expect(await filesIn(temp.dir())).toEqual(['settings.json']);
  });

  it('keeps an undecryptable secret encrypted through later saves, so an unlocked keyring gets it back', async () => {
    const { store } = await open();
    await store.upsertFeed({
      ...validFeed,
      headers: [{ name: 'Authorization', value: 'Bearer t', secret: true }],
    });
    const locked = await open(otherMachineSecretBox());
    expect(locked.store.feeds()[0]!.headers[0]!.value).toBe('');
    // Another change is saved while the secret cannot be read…
    expect((await locked.store.setPreferences({ historySize: 100 })).ok).toBe(true);
    expect((await readSettingsFile(temp.dir())).feeds[0]!.headers[0]).toEqual({
      name: 'Authorization',
      secret: true,
      ciphertext: anyString,
    });
    // …and with the right key again, the secret is back.
    const unlocked = await open();
    expect(unlocked.problems).toEqual([]);
    expect(unlocked.store.feeds()[0]!.headers[0]).toEqual({
      name: 'Authorization',
      value: 'Bearer t',
      secret: true,
    });
  });

  it('reports a secret it cannot decrypt, keeps the header for re-entry and reports it', async () => {
    const { store } = await open();
    await store.upsertFeed({
      ...validFeed,
      headers: [{ name: 'Authorization', value: 'Bearer t', secret: true }],
    });

    const moved = await open(otherMachineSecretBox());
    expect(moved.problems).toEqual([
      {
        code: 'secret-unreadable',
        feedId: 'news',
        headerName: 'Authorization',
        message: containing('"Authorization" of feed "News" could not be decrypted'),
      },
    ]);
    expect(moved.store.redactedFeeds()[0]!.headers).toEqual([
      { name: 'Authorization', secret: true, value: '', isSet: false },
    ]);
    // Loading alone does not rewrite the file, so a keyring that was only locked loses nothing.
    expect((await readSettingsFile(temp.dir())).feeds[0]!.headers[0]).toEqual({
      name: 'Authorization',
      secret: true,
      ciphertext: anyString,
    });
  });

  it('refuses to save over a settings file it cannot open', async () => {
    // A directory where the file should be: unreadable even for root, unlike a chmod.
    await mkdir(path.join(temp.dir(), 'settings.json'));
    const { store, problems } = await open();
    expect(problems).toMatchObject([{ code: 'unreadable-settings' }]);
    const result = await store.markFirstRunDone();
    expect(!result.ok && result.error.code).toBe('settings-locked');
    expect(store.firstRunDone()).toBe(false);
  });

  it('reports a failed write as an error value and keeps the previous settings', async () => {
    const dir = path.join(temp.dir(), 'inner');
    const { store } = await SettingsStore.open({ dir, secretBox: new FixedKeyTestSecretBox() });
    await store.upsertFeed(validFeed);
    // The settings folder turns into a file: every write below it fails.
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    const result = await store.upsertFeed({ ...validFeed, id: 'second' });
    expect(!result.ok && result.error.code).toBe('write-failed');
    expect(!result.ok && result.error.message).toContain('could not save your settings');
    expect(store.feeds().map((feed) => feed.id)).toEqual(['news']);
  });
});

describe('SettingsStore migration', () => {
  it('upgrades a version-0 file whose headers were a name-to-value object', async () => {
    await writeSettingsText(
      temp.dir(),
      JSON.stringify({
        feeds: [{ ...validFeed, headers: { 'X-Client': 'feedtray', Accept: 'text/event-stream' } }],
        preferences: { historySize: 800 },
      }),
    );
    const { store, problems } = await open();
    expect(problems).toEqual([]);
    expect(store.feeds()[0]!.headers).toEqual([
      { name: 'X-Client', value: 'feedtray', secret: false },
      { name: 'Accept', value: 'text/event-stream', secret: false },
    ]);
    expect(store.preferences().historySize).toBe(800);
    expect(store.firstRunDone()).toBe(true);

    await store.markFirstRunDone();
    expect((await readSettingsFile(temp.dir())).version).toBe(2);
  });
});
