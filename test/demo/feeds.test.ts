import { describe, expect, it } from 'vitest';
import { demoFeedConfigs } from '../../src/demo/feeds.ts';
import { DEMO_CROSSING } from '../../src/demo/rates.ts';
import { FeedConfigSchema } from '../../src/shared/feed.ts';

describe('demoFeedConfigs', () => {
  it('describes the three demo feeds as valid feed settings', () => {
    const configs = demoFeedConfigs('http://127.0.0.1:4321').map((input) => FeedConfigSchema.parse(input));
    expect(configs.map((config) => [config.id, config.name, config.url])).toEqual([
      ['demo-news', 'Demo news', 'http://127.0.0.1:4321/news'],
      ['demo-alerts', 'Demo alerts', 'http://127.0.0.1:4321/alerts'],
      ['demo-rates', 'Demo rates', 'http://127.0.0.1:4321/rates'],
    ]);
  });

  it('maps the JSON fields each feed sends', () => {
    const [news, alerts, rates] = demoFeedConfigs('http://127.0.0.1:1').map((input) =>
      FeedConfigSchema.parse(input),
    );
    expect(news!.mapping).toEqual({ title: '/title', body: '/body', link: '/link' });
    expect(alerts!.mapping).toEqual({ title: '/title', body: '/body', severity: '/severity' });
    expect(alerts!.eventTypes).toEqual(['info', 'warning', 'critical']);
    expect(rates!.mapping).toEqual({ title: '/pair', value: '/rate' });
  });

  it('lets every feed notify, the rates feed only through its crossing rules with a catch-all quiet last', () => {
    const [news, alerts, rates] = demoFeedConfigs('http://127.0.0.1:1').map((input) =>
      FeedConfigSchema.parse(input),
    );
    expect(news!.notify.enabled).toBe(true);
    expect(alerts!.notify.enabled).toBe(true);
    expect(rates!.notify.enabled).toBe(true);
    expect(news!.rules).toEqual([]);
    expect(alerts!.rules).toEqual([]);
    const [above, below, rest] = rates!.rules;
    expect(rates!.rules).toHaveLength(3);
    for (const [rule, op] of [
      [above, 'crossesAbove'],
      [below, 'crossesBelow'],
    ] as const) {
      expect(rule!.outcome).toEqual({ kind: 'notify', severity: 3 });
      expect(rule!.conditions).toEqual([
        { op: 'equals', field: '/pair', value: DEMO_CROSSING.pair },
        { op, field: '/rate', level: DEMO_CROSSING.level, per: '/pair', rearm: 0 },
      ]);
      expect(rule!.message).toMatch(/^\{\/pair\} crossed (above|below) [\d.]+: \{\/rate\}$/);
    }
    expect(rest).toMatchObject({ conditions: [], outcome: { kind: 'quiet' }, enabled: true });
  });

  it('tracks alert incidents by alert_id, resolved by status, with an Acknowledge button on the feed origin', () => {
    const alerts = FeedConfigSchema.parse(demoFeedConfigs('http://127.0.0.1:1')[1]);
    expect(alerts.incident).toEqual({
      key: '/alert_id',
      resolvedWhen: { match: 'all', conditions: [{ op: 'equals', field: '/status', value: 'resolved' }] },
    });
    expect(alerts.actions).toEqual([
      {
        id: 'ack',
        label: 'Acknowledge',
        method: 'POST',
        url: '/alerts/{/alert_id}/ack',
        body: null,
        contentType: 'application/json',
        allowHost: null,
      },
    ]);
  });

  it('accepts a base URL with a trailing slash', () => {
    expect(demoFeedConfigs('http://127.0.0.1:4321/')[0]!.url).toBe('http://127.0.0.1:4321/news');
  });
});
