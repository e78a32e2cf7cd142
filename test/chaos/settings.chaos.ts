import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../src/shared/ipc.ts';
import type { Preferences, RedactedFeed } from '../../src/shared/settings.ts';
import { SettingsStore } from '../../src/main/settings/store.ts';
import { FixedKeyTestSecretBox } from '../support/fixed-key-test-secret-box.ts';
import { bootChaosApp, type ChaosApp } from './app-boot.ts';
import { trapProcessErrors } from './support.ts';

let app: ChaosApp | undefined;
let keptDir: string | undefined;
afterEach(async () => {
  await app?.quit();
  app = undefined;
  if (keptDir) await rm(keptDir, { recursive: true, force: true });
  keptDir = undefined;
});

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const BASE_FEEDS = 10;
const CALLS = 200;
// Disabled feeds: this test is about the settings file, not the network.
const url = 'http://127.0.0.1:9/feed';

describe('settings written from many IPC calls at once (through the preload and ipcMain)', () => {
  it('stays valid JSON throughout, loses no change and loads back as it was', async () => {
    const trap = trapProcessErrors();
    try {
      app = await bootChaosApp();
      const { invoke, userData: dir } = app;
      for (let i = 0; i < BASE_FEEDS; i++) {
        value(await invoke('feeds:add', { id: `base-${i}`, name: `Base ${i}`, url, enabled: false }));
      }
      const file = join(dir, 'settings.json');

      // A reader that keeps parsing the file while the writes go on: it must never see a torn file.
      let reading = true;
      let reads = 0;
      const versions = new Set<string>();
      const torn: string[] = [];
      const reader = (async () => {
        while (reading && reads < 100_000) {
          const text = await readFile(file, 'utf8');
          reads++;
          versions.add(text);
          try {
            JSON.parse(text);
          } catch (error) {
            torn.push(`${(error as Error).message}: ${text.slice(-80)}`);
          }
        }
      })();

      const expectedNames = new Map<string, string>();
      const added: string[] = [];
      let lastPrefs: { historySize: number; language: 'en' | 'zh-CN'; manual: boolean } | undefined;
      const call = (i: number) => {
        if (i % 3 === 0) {
          added.push(`new-${i}`);
          return invoke('feeds:add', { id: `new-${i}`, name: `New ${i}`, url, enabled: false });
        }
        if (i % 3 === 1) {
          const id = `base-${i % BASE_FEEDS}`;
          expectedNames.set(id, `Base ${i % BASE_FEEDS} rev ${i}`);
          return invoke('feeds:update', { id, name: expectedNames.get(id), url, enabled: false });
        }
        lastPrefs = { historySize: 50 + i, language: i % 2 ? 'en' : 'zh-CN', manual: i % 4 === 0 };
        return invoke('prefs:set', {
          historySize: lastPrefs.historySize,
          language: lastPrefs.language,
          doNotDisturb: { manual: lastPrefs.manual },
        });
      };
      // All 200 are in flight together; they arrive in waves of 10 a millisecond apart, so saves
      // overlap with new changes instead of all landing in one batch.
      const calls: Promise<IpcResult<unknown>>[] = [];
      for (let i = 0; i < CALLS; i++) {
        calls.push(call(i));
        if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const results = await Promise.all(calls);
      reading = false;
      await reader;

      expect(results.filter((result) => !result.ok)).toEqual([]);
      expect(torn).toEqual([]);
      expect(reads).toBeGreaterThan(0);
      const saved = JSON.parse(await readFile(file, 'utf8')) as {
        feeds: { id: string; name: string }[];
        preferences: Preferences;
      };
      expect(saved.feeds.map((feed) => feed.id)).toEqual([
        ...Array.from({ length: BASE_FEEDS }, (_, i) => `base-${i}`),
        ...added,
      ]);
      for (const [id, name] of expectedNames)
        expect(saved.feeds.find((feed) => feed.id === id)?.name).toBe(name);
      expect(saved.preferences).toMatchObject({
        historySize: lastPrefs!.historySize,
        language: lastPrefs!.language,
        doNotDisturb: { manual: lastPrefs!.manual },
      });
      expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);

      const listed = value<RedactedFeed[]>(await invoke('feeds:list', undefined));
      const prefs = value<Preferences>(await invoke('prefs:get', undefined));
      await app.quit({ keepUserData: true });
      app = undefined;
      keptDir = dir;
      const reloaded = await SettingsStore.open({ dir, secretBox: new FixedKeyTestSecretBox() });
      expect(reloaded.problems).toEqual([]);
      expect(reloaded.store.redactedFeeds()).toEqual(listed);
      expect(reloaded.store.preferences()).toEqual(prefs);
      console.log(
        `settings: ${CALLS} concurrent IPC calls; the file was parsed ${reads} times while being written, ` +
          `${versions.size} distinct versions seen, none torn`,
      );
      expect(trap.errors).toEqual([]);
    } finally {
      trap.stop();
    }
  });
});
