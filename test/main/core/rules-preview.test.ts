import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult, SeriesView } from '../../../src/shared/ipc.ts';
import type { RulesPreview } from '../../../src/shared/rules/preview.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';
import { quietFeed, seedHistory, type SeedEvent } from '../../renderer/history-seed.ts';

let app: CoreUnderTest | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

// Within the hour: history keeps events by age, and a fresh core would let older ones go.
const START_MS = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
const RATES = [7.1, 7.15, 7.21, 7.18, 7.25, 7.3];

/** A USD/CNY series crossing 7.20 twice, one value a minute; the second crossing was notified by a rule. */
function rateHistory(): SeedEvent[] {
  return RATES.map((value, index) => ({
    feedId: 'rates',
    id: String(index + 1),
    title: 'USD/CNY',
    value,
    receivedAt: START_MS + index * 60_000,
    decision: index === 4 ? 'notified' : index === 5 ? 'rule-quiet' : null,
    ...(index >= 4 ? { rule: 'Above 7.20', message: `USD/CNY crossed ${value}` } : {}),
  }));
}

async function bootWithRates(): Promise<CoreUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'feedtray-rules-'));
  await seedHistory(dir, rateHistory());
  const booted = await bootCore({ dir });
  const added = await booted.core.handle('feeds:add', quietFeed('rates', 'Rates', '/value'));
  expect(added.ok).toBe(true);
  return booted;
}

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const crossesAbove = {
  name: 'Above 7.20',
  conditions: [{ op: 'crossesAbove', field: '', level: 7.2 }],
  outcome: { kind: 'notify', severity: 4 },
  message: '{title} crossed {value}',
};

describe('rules:preview', () => {
  it("runs the draft's rules over the feed's stored events without saving them", async () => {
    app = await bootWithRates();
    const preview = value<RulesPreview>(
      await app.core.handle('rules:preview', {
        feedId: 'rates',
        mapping: { title: '/title', value: '/value' },
        rules: [crossesAbove],
      }),
    );
    expect(preview).toMatchObject({ total: 6, notify: 2, quiet: 0, marked: 0, unmatched: 4 });
    expect(preview.fired.map((fired) => fired.message)).toEqual([
      'USD/CNY crossed 7.25',
      'USD/CNY crossed 7.21',
    ]);
    const [saved] = value<RedactedFeed[]>(await app.core.handle('feeds:list', undefined));
    expect(saved?.rules).toEqual([]);
  });

  it('refuses junk with a sentence that names the problem', async () => {
    app = await bootWithRates();
    const refusal = async (request: unknown): Promise<string> => {
      const result = await app!.core.handle('rules:preview', request);
      if (result.ok) throw new Error(`accepted ${JSON.stringify(request)}`);
      expect(result.error.code).toBe('invalid-request');
      return result.error.message;
    };
    expect(await refusal(undefined)).toMatch(/^Invalid request/);
    expect(await refusal({ feedId: '../etc', rules: [] })).toContain('Feed id uses letters');
    expect(await refusal({ feedId: 'rates', rules: 'all' })).toContain('rules');
    expect(await refusal({ feedId: 'rates', rules: [], secret: 'x' })).toMatch(/secret/);
    expect(
      await refusal({
        feedId: 'rates',
        rules: [{ name: 'Bad', conditions: [{ op: 'matches', field: '', pattern: '(unclosed' }] }],
      }),
    ).toMatch(/^Invalid request: rules\.0\.conditions\.0\.pattern: /);
    expect(
      await refusal({
        feedId: 'rates',
        rules: [{ name: 'x', conditions: [{ op: 'gt', field: '', value: 'a' }] }],
      }),
    ).toContain('rules.0.conditions.0.value');
    expect(
      await refusal({ feedId: 'rates', rules: Array.from({ length: 51 }, (_, i) => ({ name: `r${i}` })) }),
    ).toContain('At most 50 rules');
    const unknown = await app.core.handle('rules:preview', { feedId: 'nope', rules: [] });
    expect(unknown.ok ? null : unknown.error).toEqual({
      code: 'not-found',
      message: 'No feed with id "nope".',
    });
  });

  it("returns a series' rule fires, leaving out events a rule kept quiet", async () => {
    app = await bootWithRates();
    const series = value<SeriesView>(
      await app.core.handle('history:series', {
        feedId: 'rates',
        series: 'USD/CNY',
        fromMs: START_MS - 60_000,
        toMs: START_MS + 3_000_000,
        buckets: 60,
      }),
    );
    expect(series.points).toHaveLength(RATES.length);
    expect(series.fires).toEqual([
      {
        t: START_MS + 4 * 60_000,
        value: 7.25,
        rule: 'Above 7.20',
        message: 'USD/CNY crossed 7.25',
        decision: 'notified',
      },
    ]);
  });
});
