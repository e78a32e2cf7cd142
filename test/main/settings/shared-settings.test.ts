import { describe, expect, it } from 'vitest';
import { mergeSecretHeaders } from '../../../src/shared/feed-secrets.ts';
import { FeedConfigSchema, type FeedConfig } from '../../../src/shared/feed.ts';
import {
  applyPreferencesPatch,
  FeedUpdateSchema,
  PreferencesPatchSchema,
  PreferencesSchema,
  redactFeed,
  RedactedFeedSchema,
  type FeedUpdateInput,
} from '../../../src/shared/settings.ts';
import { containing } from './matchers.ts';

const TOKEN = 'Bearer s3cr3t-token';

function feedWithSecret(): FeedConfig {
  return FeedConfigSchema.parse({
    id: 'rates',
    name: 'Rates',
    url: 'https://example.com/rates',
    headers: [
      { name: 'Authorization', value: TOKEN, secret: true },
      { name: 'Accept-Language', value: 'en' },
    ],
  });
}

function update(headers: FeedUpdateInput['headers']) {
  return FeedUpdateSchema.parse({ id: 'rates', name: 'Rates', url: 'https://example.com/rates', headers });
}

describe('PreferencesSchema', () => {
  it('fills every preference with its default', () => {
    expect(PreferencesSchema.parse({})).toEqual({
      doNotDisturb: { manual: false, schedule: { enabled: false, from: '22:00', to: '07:00' }, until: null },
      launchAtLogin: false,
      historySize: 1_000_000,
      historyMaxAgeDays: 30,
      historyMaxMB: 200,
      historyFeedMaxMB: 200,
      language: 'system',
      notificationsEnabled: true,
    });
  });

  it('gives each parse its own nested objects', () => {
    const first = PreferencesSchema.parse({});
    first.doNotDisturb.schedule.enabled = true;
    expect(PreferencesSchema.parse({}).doNotDisturb.schedule.enabled).toBe(false);
  });

  it('refuses an out-of-range history size and a malformed time', () => {
    expect(PreferencesSchema.safeParse({ historySize: 49 }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ historySize: 500.5 }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ historySize: 10_000_001 }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ historyMaxAgeDays: 0 }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ historyMaxMB: 9 }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ historyFeedMaxMB: 1.5 }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ doNotDisturb: { schedule: { from: '24:00' } } }).success).toBe(
      false,
    );
  });

  it('merges a nested patch without resetting its siblings', () => {
    const current = PreferencesSchema.parse({ doNotDisturb: { manual: true } });
    const patched = applyPreferencesPatch(current, { doNotDisturb: { schedule: { enabled: true } } });
    expect(patched.doNotDisturb).toEqual({
      manual: true,
      schedule: { enabled: true, from: '22:00', to: '07:00' },
      until: null,
    });
  });

  it('refuses a patch with a misspelt key instead of ignoring it', () => {
    expect(PreferencesPatchSchema.safeParse({ historysize: 100 }).success).toBe(false);
    expect(PreferencesPatchSchema.safeParse({ doNotDisturb: { schedule: { enabeld: true } } }).success).toBe(
      false,
    );
  });
});

describe('redactFeed', () => {
  it('never carries a secret value, only whether one is set', () => {
    const redacted = redactFeed(feedWithSecret());
    expect(JSON.stringify(redacted)).not.toContain('s3cr3t');
    expect(redacted.headers).toEqual([
      { name: 'Authorization', secret: true, value: '', isSet: true },
      { name: 'Accept-Language', value: 'en', secret: false },
    ]);
    expect(RedactedFeedSchema.safeParse(redacted).success).toBe(true);
  });

  it('marks a secret awaiting re-entry as not set', () => {
    const feed = feedWithSecret();
    feed.headers[0]!.value = '';
    expect(redactFeed(feed).headers[0]).toEqual({
      name: 'Authorization',
      secret: true,
      value: '',
      isSet: false,
    });
  });
});

describe('mergeSecretHeaders', () => {
  it('keeps the saved secret when the update says keep', () => {
    const merged = mergeSecretHeaders(
      feedWithSecret(),
      update([{ name: 'authorization', secret: true, value: '', keep: true }]),
    );
    expect(merged.ok && merged.value.headers).toEqual([
      { name: 'authorization', value: TOKEN, secret: true },
    ]);
  });

  it('replaces the secret when the update carries a new value', () => {
    const merged = mergeSecretHeaders(
      feedWithSecret(),
      update([{ name: 'Authorization', secret: true, value: 'Bearer new' }]),
    );
    expect(merged.ok && merged.value.headers).toEqual([
      { name: 'Authorization', value: 'Bearer new', secret: true },
    ]);
  });

  it('removes a secret header the update leaves out', () => {
    const merged = mergeSecretHeaders(feedWithSecret(), update([{ name: 'Accept-Language', value: 'en' }]));
    expect(merged.ok && merged.value.headers).toEqual([
      { name: 'Accept-Language', value: 'en', secret: false },
    ]);
  });

  it('clears a secret sent with an empty value and no keep', () => {
    const merged = mergeSecretHeaders(
      feedWithSecret(),
      update([{ name: 'Authorization', secret: true, value: '' }]),
    );
    expect(merged.ok && merged.value.headers).toEqual([{ name: 'Authorization', value: '', secret: true }]);
  });

  it('refuses to keep a secret that was never saved, naming the header', () => {
    const merged = mergeSecretHeaders(
      undefined,
      update([{ name: 'X-Api-Key', secret: true, value: '', keep: true }]),
    );
    expect(merged.ok).toBe(false);
    expect(!merged.ok && merged.error).toEqual({
      code: 'secret-missing',
      message: containing('"X-Api-Key"'),
    });
  });

  it('does not take a secret from a different feed', () => {
    const other = { ...feedWithSecret(), id: 'other' };
    const merged = mergeSecretHeaders(
      other,
      update([{ name: 'Authorization', secret: true, value: '', keep: true }]),
    );
    expect(!merged.ok && merged.error.code).toBe('secret-missing');
  });

  it('refuses a redacted feed echoed back, rather than wiping its secrets', () => {
    const echoed = redactFeed(feedWithSecret());
    expect(FeedUpdateSchema.safeParse(echoed).success).toBe(false);
  });
});
