import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it } from 'vitest';
import { demoFeedConfigs } from '../../src/demo/feeds.ts';
import { FeedConfigSchema } from '../../src/shared/feed.ts';
import { demoServers, waitUntil } from './sse-stream.ts';

const servers = demoServers();
afterEach(() => servers.closeAll());

describe('demo server with the eventsource package', () => {
  it('delivers news as message events and alerts under their severity names', async () => {
    const server = await servers.start({ tickMs: 60_000, newsEveryMs: 60_000, alertsEveryMs: 10 });
    const news = new EventSource(server.feedUrls.news);
    const alerts = new EventSource(server.feedUrls.alerts);
    const messages: MessageEvent[] = [];
    const byType: Record<string, MessageEvent[]> = { info: [], warning: [], critical: [], message: [] };
    news.onmessage = (event) => messages.push(event);
    for (const type of Object.keys(byType))
      alerts.addEventListener(type, (event) => byType[type]!.push(event));
    try {
      await waitUntil(() => messages.length >= 5, 'five news messages');
      await waitUntil(
        () => byType.info!.length > 0 && byType.warning!.length > 0 && byType.critical!.length > 0,
        'alerts of every severity',
      );
      expect(messages.map((event) => event.lastEventId)).toEqual(['1', '2', '3', '4', '5']);
      // Named events never reach the `message` listener.
      expect(byType.message).toEqual([]);
      for (const type of ['info', 'warning', 'critical'])
        for (const event of byType[type]!)
          expect((JSON.parse(event.data as string) as { severity: string }).severity).toBe(type);
    } finally {
      news.close();
      alerts.close();
    }
  });

  it('serves every feed that demoFeedConfigs points at', async () => {
    const server = await servers.start({ tickMs: 60_000, newsEveryMs: 60_000, alertsEveryMs: 60_000 });
    for (const config of demoFeedConfigs(server.url).map((input) => FeedConfigSchema.parse(input))) {
      const source = new EventSource(config.url);
      let received = 0;
      const count = () => received++;
      // The same rule the app applies: no event types means `message`.
      for (const type of config.eventTypes.length > 0 ? config.eventTypes : ['message'])
        source.addEventListener(type, count);
      try {
        await waitUntil(() => received > 0, `an event from ${config.id}`);
      } finally {
        source.close();
      }
    }
  });
});
