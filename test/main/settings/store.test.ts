import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/main/settings/store.ts';
import {
  SettingsExportSchema,
  SettingsFileSchema,
  type FeedUpdateInput,
} from '../../../src/shared/settings.ts';
import { FixedKeyTestSecretBox } from '../../support/fixed-key-test-secret-box.ts';
import { filesIn, readSettingsFile, readSettingsText, useTempDir } from './settings-dir.ts';
import { anyString, containing } from './matchers.ts';

const TOKEN = 'Bearer s3cr3t-token-0123456789';
const temp = useTempDir();

function open(box = new FixedKeyTestSecretBox()) {
  return SettingsStore.open({ dir: temp.dir(), secretBox: box });
}

function ratesFeed(overrides: Partial<FeedUpdateInput> = {}): FeedUpdateInput {
  return {
    id: 'rates',
    name: 'Rates',
    url: 'https://example.com/rates',
    headers: [
      { name: 'Authorization', value: TOKEN, secret: true },
      { name: 'Accept', value: 'text/event-stream' },
    ],
    ...overrides,
  };
}

describe('SettingsStore', () => {
  it('starts a first run with defaults and no problems, without writing a file', async () => {
    const { store, problems } = await open();
    expect(problems).toEqual([]);
    expect(store.feeds()).toEqual([]);
    expect(store.firstRunDone()).toBe(false);
    expect(store.preferences().historySize).toBe(1_000_000);
    expect(await filesIn(temp.dir())).toEqual([]);
  });

  it('reads back after a restart exactly what was saved', async () => {
    const { store } = await open();
    expect(await store.upsertFeed(ratesFeed())).toEqual({ ok: true, value: undefined });
    expect((await store.setPreferences({ language: 'zh-CN', doNotDisturb: { manual: true } })).ok).toBe(true);
    expect((await store.markFirstRunDone()).ok).toBe(true);

    const reopened = await open();
    expect(reopened.problems).toEqual([]);
    expect(reopened.store.feeds()).toEqual(store.feeds());
    expect(reopened.store.feeds()[0]!.headers[0]).toEqual({
      name: 'Authorization',
      value: TOKEN,
      secret: true,
    });
    expect(reopened.store.preferences()).toEqual(store.preferences());
    expect(reopened.store.preferences().doNotDisturb.manual).toBe(true);
    expect(reopened.store.firstRunDone()).toBe(true);
  });

  it('never writes a secret value in clear, only its ciphertext', async () => {
    const { store } = await open();
    await store.upsertFeed(ratesFeed());
    const bytes = await readFile(store.filePath);
    expect(bytes.includes(Buffer.from('s3cr3t'))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from('s3cr3t').toString('base64')))).toBe(false);
    const file = SettingsFileSchema.parse(JSON.parse(bytes.toString('utf8')));
    expect(file.feeds[0]!.headers[0]).toEqual({
      name: 'Authorization',
      secret: true,
      ciphertext: anyString,
    });
  });

  it('keeps an unchanged secret byte for byte across saves', async () => {
    const { store } = await open();
    await store.upsertFeed(ratesFeed());
    const before = (await readSettingsFile(temp.dir())).feeds[0]!.headers[0];
    await store.setPreferences({ historySize: 1000 });
    const after = (await readSettingsFile(temp.dir())).feeds[0]!.headers[0];
    expect(after).toEqual(before);
    expect(before).toHaveProperty('ciphertext');
  });

  it('keeps a secret the editor did not touch when it sends keep', async () => {
    const { store } = await open();
    await store.upsertFeed(ratesFeed());
    const result = await store.upsertFeed(
      ratesFeed({
        name: 'Rates (EUR)',
        headers: [{ name: 'Authorization', secret: true, value: '', keep: true }],
      }),
    );
    expect(result.ok).toBe(true);
    expect(store.feeds()[0]).toMatchObject({
      name: 'Rates (EUR)',
      headers: [{ name: 'Authorization', value: TOKEN, secret: true }],
    });
  });

  it('refuses an invalid feed with a readable message and changes nothing', async () => {
    const { store } = await open();
    await store.upsertFeed(ratesFeed());
    const fileBefore = await readSettingsText(temp.dir());
    const result = await store.upsertFeed(ratesFeed({ url: 'ftp://example.com/rates' }));
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-feed', message: containing('http:// or https://') },
    });
    expect(store.feeds()[0]!.url).toBe('https://example.com/rates');
    expect(await readSettingsText(temp.dir())).toBe(fileBefore);
  });

  it('refuses bad preferences and a bad move, changing nothing', async () => {
    const { store } = await open();
    await store.upsertFeed(ratesFeed());
    const fileBefore = await readSettingsText(temp.dir());
    const prefs = await store.setPreferences({ historySize: 20 });
    expect(!prefs.ok && prefs.error.code).toBe('invalid-preferences');
    expect(!prefs.ok && prefs.error.message).toContain('at least 50');
    const move = await store.moveFeed('rates', 3);
    expect(!move.ok && move.error.code).toBe('invalid-move');
    const remove = await store.removeFeed('nope');
    expect(!remove.ok && remove.error.code).toBe('unknown-feed');
    expect(await readSettingsText(temp.dir())).toBe(fileBefore);
  });

  it('refuses feed lists with a repeated id', async () => {
    const { store } = await open();
    const result = await store.setFeeds([ratesFeed(), ratesFeed()]);
    expect(!result.ok && result.error.message).toContain('Two feeds share the id "rates"');
    expect(store.feeds()).toEqual([]);
  });

  it('adds, replaces in place, moves and removes feeds', async () => {
    const { store } = await open();
    for (const id of ['a', 'b', 'c']) await store.upsertFeed(ratesFeed({ id, name: id.toUpperCase() }));
    await store.upsertFeed(ratesFeed({ id: 'b', name: 'Bee' }));
    expect(store.feeds().map((feed) => feed.name)).toEqual(['A', 'Bee', 'C']);
    await store.moveFeed('c', 0);
    expect(store.feeds().map((feed) => feed.id)).toEqual(['c', 'a', 'b']);
    await store.removeFeed('a');
    expect((await open()).store.feeds().map((feed) => feed.id)).toEqual(['c', 'b']);
  });

  it('refuses to store a secret header when encryption is unavailable, and says why', async () => {
    const { store } = await open(new FixedKeyTestSecretBox({ available: false }));
    const result = await store.upsertFeed(ratesFeed());
    expect(!result.ok && result.error.code).toBe('secrets-unavailable');
    expect(!result.ok && result.error.message).toContain('will not write them in plain text');
    expect(await filesIn(temp.dir())).toEqual([]);
    // A feed without secrets still saves on the same system.
    const plain = await store.upsertFeed(ratesFeed({ headers: [] }));
    expect(plain.ok).toBe(true);
  });

  it('reports a SecretBox that fails while encrypting, and saves nothing', async () => {
    const box = new FixedKeyTestSecretBox();
    box.encrypt = () => {
      throw new Error('keychain access denied');
    };
    const { store } = await open(box);
    const result = await store.upsertFeed(ratesFeed());
    expect(result).toEqual({
      ok: false,
      error: { code: 'encryption-failed', message: containing('keychain access denied') },
    });
    expect(store.feeds()).toEqual([]);
    expect(await filesIn(temp.dir())).toEqual([]);
  });

  it('keeps every one of 200 concurrent upserts and leaves a valid file', async () => {
    const { store } = await open();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        store.upsertFeed(ratesFeed({ id: `feed-${index}`, name: `Feed ${index}` })),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const file = SettingsFileSchema.parse(JSON.parse(await readSettingsText(temp.dir())));
    expect(file.feeds.map((feed) => feed.id)).toEqual(
      Array.from({ length: 200 }, (_, index) => `feed-${index}`),
    );
    expect((await open()).store.feeds()).toHaveLength(200);
    expect(await filesIn(temp.dir())).toEqual(['settings.json']);
  });

  it('applies concurrent changes of different kinds in the order they were made', async () => {
    const { store } = await open();
    await Promise.all([
      store.upsertFeed(ratesFeed({ id: 'a' })),
      store.upsertFeed(ratesFeed({ id: 'b' })),
      store.moveFeed('b', 0),
      store.removeFeed('a'),
      store.setPreferences({ historySize: 60 }),
      store.setPreferences({ historySize: 70 }),
    ]);
    const reopened = (await open()).store;
    expect(reopened.feeds().map((feed) => feed.id)).toEqual(['b']);
    expect(reopened.preferences().historySize).toBe(70);
  });
});

describe('SettingsStore export and import', () => {
  it('exports feeds and preferences with secret headers listed but empty', async () => {
    const { store } = await open();
    await store.upsertFeed(ratesFeed());
    const exported = store.exportSettings();
    expect(exported).not.toContain('s3cr3t');
    expect(SettingsExportSchema.parse(JSON.parse(exported)).feeds[0]!.headers).toEqual([
      { name: 'Authorization', value: '', secret: true },
      { name: 'Accept', value: 'text/event-stream', secret: false },
    ]);
  });

  it('imports an export, marking its secret headers as needing re-entry', async () => {
    const source = await open();
    await source.store.upsertFeed(ratesFeed());
    await source.store.setPreferences({ historySize: 2000 });
    const exported = source.store.exportSettings();
    await source.store.setFeeds([]);

    const result = await source.store.importSettings(exported);
    expect(result).toEqual({
      ok: true,
      value: { needsReentry: [{ feedId: 'rates', headerName: 'Authorization' }] },
    });
    expect(source.store.preferences().historySize).toBe(2000);
    expect(source.store.redactedFeeds()[0]!.headers[0]).toEqual({
      name: 'Authorization',
      secret: true,
      value: '',
      isSet: false,
    });
    const onDisk = (await readSettingsFile(temp.dir())).feeds[0]!.headers[0];
    expect(onDisk).toEqual({ name: 'Authorization', secret: true, needsReentry: true });
  });

  it('refuses bad JSON, a foreign shape and a newer export without changing anything', async () => {
    const { store } = await open();
    await store.upsertFeed(ratesFeed());
    const fileBefore = await readSettingsText(temp.dir());
    for (const json of ['{not json', '{"version":1,"feeds":"all of them"}', '{"version":7,"feeds":[]}']) {
      const result = await store.importSettings(json);
      expect(!result.ok && result.error.code).toBe('invalid-import');
      expect(!result.ok && result.error.message).toMatch(/not a FeedTray settings export|newer FeedTray/);
    }
    expect(store.feeds()).toHaveLength(1);
    expect(await readSettingsText(temp.dir())).toBe(fileBefore);
  });

  it('imports an export from the previous version, migrated like a settings file', async () => {
    const { store } = await open();
    const v1 = {
      version: 1,
      feeds: [{ id: 'old', name: 'Old', url: 'https://example.com/old', notify: { minIntervalS: 5 } }],
      preferences: { historySize: 500, doNotDisturb: { manual: true } },
    };
    const result = await store.importSettings(JSON.stringify(v1));
    expect(result.ok).toBe(true);
    expect(store.feeds().map((feed) => [feed.id, feed.notify.minIntervalS, feed.notify.minSeverity])).toEqual(
      [['old', 5, 1]],
    );
    expect(store.preferences()).toMatchObject({ historySize: 1_000_000, doNotDisturb: { manual: true } });
  });
});
