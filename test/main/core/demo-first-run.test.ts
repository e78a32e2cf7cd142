/**
 * What a new user sees right after adding the demo feeds, through the real core and the embedded demo:
 * alert incidents that open and resolve, an Acknowledge button that reaches the demo server, and rate
 * ticks kept quiet by the rates feed's rules (so its notifications can stay on).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionResult } from '../../../src/shared/actions.ts';
import type { FeedEvent } from '../../../src/shared/feed.ts';
import type { IncidentView } from '../../../src/shared/incidents.ts';
import type { IpcResult } from '../../../src/shared/ipc.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';
import { waitFor } from '../../support/sse-server.ts';

let app: CoreUnderTest | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const events = (feedId: string): FeedEvent[] =>
  app!.pushes
    .filter((p) => p.channel === 'push:events')
    .flatMap((p) => p.payload as FeedEvent[])
    .filter((event) => event.feedId === feedId);

describe('the demo feeds on first run', () => {
  it('open and resolve alert incidents from their first backlog on', async () => {
    app = await bootCore();
    value<RedactedFeed[]>(await app.core.handle('feeds:addDemo', undefined));
    // The demo's first alerts (its backlog, sent at once) already open an incident and resolve it.
    await waitFor(
      () => events('demo-alerts').some((event) => event.decision === 'resolved'),
      'a resolved demo incident',
    );
    const incidents = value<IncidentView[]>(
      await app.core.handle('incidents:list', { feedId: 'demo-alerts' }),
    );
    const resolved = incidents.find((incident) => incident.status === 'resolved')!;
    expect(resolved.key).toMatch(/^[a-z-]+:[a-z]+$/);
    expect(resolved.count).toBeGreaterThanOrEqual(3);
    expect(resolved.title).toMatch(/back|again|normal|freed|calm|caught up/);
    expect(incidents.some((incident) => incident.status === 'open')).toBe(true);
    // Info alerts stay plain events, outside any incident.
    expect(events('demo-alerts').some((event) => event.incident === undefined)).toBe(true);
  });

  it('acknowledges an alert on the demo server with one press, and refuses one without an alert id', async () => {
    app = await bootCore();
    value<RedactedFeed[]>(await app.core.handle('feeds:addDemo', undefined));
    await waitFor(
      () =>
        events('demo-alerts').some((event) => event.incident !== undefined) &&
        events('demo-alerts').some((event) => event.incident === undefined),
      'an incident alert and an info alert',
    );
    const firing = events('demo-alerts').find((event) => event.incident !== undefined)!;
    const pressed = value<ActionResult>(
      await app.core.handle('actions:run', { eventKey: firing.key, actionId: 'feed:ack' }),
    );
    expect(pressed).toMatchObject({ ok: true, status: 204, label: 'Acknowledge' });

    const info = events('demo-alerts').find((event) => event.incident === undefined)!;
    const refused = value<ActionResult>(
      await app.core.handle('actions:run', { eventKey: info.key, actionId: 'feed:ack' }),
    );
    expect(refused.ok).toBe(false);
    expect(refused.status).toBeNull();
    expect(refused.message).toContain('/alert_id');
  });

  it('keeps rate ticks quiet by rule while the rates feed notifies', async () => {
    app = await bootCore();
    const feeds = value<RedactedFeed[]>(await app.core.handle('feeds:addDemo', undefined));
    const rates = feeds.find((feed) => feed.id === 'demo-rates')!;
    expect(rates.notify.enabled).toBe(true);
    expect(rates.rules.map((rule) => rule.outcome.kind)).toEqual(['notify', 'notify', 'quiet']);
    await waitFor(() => events('demo-rates').length >= 5, 'a tick of every pair');
    const quiet = events('demo-rates').filter((event) => event.decision === 'rule-quiet');
    expect(quiet.length).toBeGreaterThanOrEqual(4);
    expect(new Set(quiet.map((event) => event.rule))).toEqual(new Set(['Other ticks quiet']));
    expect(app.notifications.some((n) => n.feedId === 'demo-rates' && !/crossed/.test(n.title))).toBe(false);
  });
});
