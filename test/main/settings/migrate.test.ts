import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../../src/main/settings/migrate.ts';
import { SettingsFileSchema } from '../../../src/shared/settings.ts';
import { containing } from './matchers.ts';

describe('migrateSettings', () => {
  it('turns version-0 record headers into a valid version-1 file', () => {
    const outcome = migrateSettings({
      feeds: [{ id: 'a', name: 'A', url: 'https://example.com/', headers: { 'X-Token-Hint': 'abc' } }],
    });
    expect(outcome).toMatchObject({ kind: 'current', fromVersion: 0 });
    const file = SettingsFileSchema.parse(outcome.kind === 'current' ? outcome.data : null);
    expect(file.feeds[0]!.headers).toEqual([{ name: 'X-Token-Hint', value: 'abc', secret: false }]);
    expect(file.firstRunDone).toBe(true);
  });

  it('passes a current file through untouched', () => {
    const data = { version: 2, feeds: [] };
    expect(migrateSettings(data)).toEqual({ kind: 'current', data, fromVersion: 2 });
  });

  it('brings a version-1 file to version 2: every feed keeps notifying every event, none snoozed', () => {
    const v1 = {
      version: 1,
      feeds: [
        { id: 'a', name: 'A', url: 'https://example.com/', notify: { minIntervalS: 5 } },
        { id: 'b', name: 'B', url: 'https://example.com/b' },
      ],
      preferences: { doNotDisturb: { manual: true } },
    };
    const outcome = migrateSettings(v1);
    expect(outcome).toMatchObject({ kind: 'current', fromVersion: 1 });
    const file = SettingsFileSchema.parse(outcome.kind === 'current' ? outcome.data : null);
    expect(file.version).toBe(2);
    expect(
      file.feeds.map((feed) => [feed.notify.minSeverity, feed.notify.minIntervalS, feed.snoozedUntil]),
    ).toEqual([
      [1, 5, null],
      [1, 10, null],
    ]);
    expect(file.feeds[0]!.severity).toEqual({ default: 3, words: [] });
    expect(file.feeds[0]!.notify.sounds.urgent).toBe('alert');
    expect(file.preferences.doNotDisturb).toMatchObject({ manual: true, until: null });
  });

  it('moves version 1 to the history database limits: the old default size becomes the new one', () => {
    const outcome = migrateSettings({
      version: 1,
      feeds: [],
      preferences: { historySize: 500, language: 'en' },
    });
    expect(outcome).toMatchObject({ kind: 'current', fromVersion: 1 });
    const file = SettingsFileSchema.parse(outcome.kind === 'current' ? outcome.data : null);
    expect(file.version).toBe(2);
    expect(file.preferences).toMatchObject({
      historySize: 1_000_000,
      historyMaxAgeDays: 30,
      historyMaxMB: 200,
      historyFeedMaxMB: 200,
      language: 'en',
    });
  });

  it('keeps a history size the user chose when moving to version 2', () => {
    const outcome = migrateSettings({ version: 1, preferences: { historySize: 800 } });
    const file = SettingsFileSchema.parse(outcome.kind === 'current' ? outcome.data : null);
    expect(file.preferences.historySize).toBe(800);
  });

  it('recognises a file from a newer version instead of migrating it', () => {
    expect(migrateSettings({ version: 5 })).toEqual({ kind: 'newer', version: 5 });
  });

  it('calls a non-object or a non-numeric version invalid', () => {
    expect(migrateSettings([1, 2])).toMatchObject({ kind: 'invalid' });
    expect(migrateSettings({ version: '1' })).toMatchObject({
      kind: 'invalid',
      detail: containing('"1"'),
    });
  });

  it('leaves a version-0 shape it does not recognise for the schema to reject', () => {
    const outcome = migrateSettings({ feeds: 'none' });
    expect(outcome.kind === 'current' && SettingsFileSchema.safeParse(outcome.data).success).toBe(false);
  });
});
