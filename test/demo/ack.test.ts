import { afterEach, describe, expect, it } from 'vitest';
import { demoServers, SseStream } from './sse-stream.ts';

const servers = demoServers();
afterEach(() => servers.closeAll());

const QUIET = { tickMs: 60_000, newsEveryMs: 60_000, heartbeatMs: 60_000 };

const ackUrl = (base: string, alertId: string): string => `${base}/alerts/${encodeURIComponent(alertId)}/ack`;

interface SentAlert {
  alert_id?: string;
  status?: string;
  acknowledged?: boolean;
}

describe('demo alert acknowledgements', () => {
  it('answers 204 to POST /alerts/{alert_id}/ack for a sent alert, and its incident then says acknowledged', async () => {
    const server = await servers.start({ ...QUIET, alertsEveryMs: 100 });
    const stream = await SseStream.open(server.feedUrls.alerts);
    try {
      const alerts = () => stream.events.map((event) => JSON.parse(event.data) as SentAlert);
      // Pressed right as an incident opens: its resolution is at least two alert periods (200 ms) away.
      const justOpened = (): SentAlert | undefined => {
        const all = alerts();
        const last = all.at(-1);
        if (last?.status !== 'firing') return undefined;
        const before = all.slice(0, -1).filter((alert) => alert.alert_id === last.alert_id);
        return before.length === 0 || before.at(-1)!.status === 'resolved' ? last : undefined;
      };
      await stream.until(() => justOpened() !== undefined, 'an incident to open', 10_000);
      const opened = justOpened()!;
      const seen = alerts().length;
      expect(opened.alert_id).toMatch(/^[a-z-]+:[a-z]+$/);
      const response = await fetch(ackUrl(server.url, opened.alert_id!), { method: 'POST', body: '{}' });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
      const resolution = () =>
        alerts()
          .slice(seen)
          .find((alert) => alert.alert_id === opened.alert_id && alert.status === 'resolved');
      await stream.until(() => resolution() !== undefined, 'the acknowledged incident to resolve', 10_000);
      expect(resolution()!.acknowledged).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('answers 404 for an id it never sent or that is not valid percent-encoding', async () => {
    const server = await servers.start({ ...QUIET, alertsEveryMs: 60_000 });
    for (const url of [ackUrl(server.url, 'nope:down'), `${server.url}/alerts/%E0%A4%A/ack`]) {
      const response = await fetch(url, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toContain('No alert with the id');
    }
  });

  it('drains a large body unread and still answers', async () => {
    const server = await servers.start({ ...QUIET, alertsEveryMs: 60_000 });
    const response = await fetch(ackUrl(server.url, 'x:y'), {
      method: 'POST',
      body: 'x'.repeat(4 * 1024 * 1024),
    });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it('refuses other methods on an ack path with 405 and Allow: POST', async () => {
    const server = await servers.start({ ...QUIET, alertsEveryMs: 60_000 });
    const response = await fetch(ackUrl(server.url, 'orders-db:down'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    await response.body?.cancel();
  });
});
