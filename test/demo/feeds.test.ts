import { describe, expect, it } from 'vitest';
import { demoFeedConfigs } from '../../src/demo/feeds.ts';
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

  it('keeps rate ticks out of notifications while news and alerts notify', () => {
    const [news, alerts, rates] = demoFeedConfigs('http://127.0.0.1:1').map((input) =>
      FeedConfigSchema.parse(input),
    );
    expect(news!.notify.enabled).toBe(true);
    expect(alerts!.notify.enabled).toBe(true);
    expect(rates!.notify.enabled).toBe(false);
  });

  it('accepts a base URL with a trailing slash', () => {
    expect(demoFeedConfigs('http://127.0.0.1:4321/')[0]!.url).toBe('http://127.0.0.1:4321/news');
  });
});
