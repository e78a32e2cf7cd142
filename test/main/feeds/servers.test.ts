import { afterEach, describe, expect, it } from 'vitest';
import type { RawFeedEvent } from '../../../src/shared/feed.ts';
import { presetFields, presetStreamUrl } from '../../../src/shared/presets.ts';
import { connect, type Recorded } from '../../support/connect.ts';
import { startMercureHub, type MercureHub } from '../../support/mercure-hub.ts';
import { startNtfyServer, type NtfyServer } from '../../support/ntfy-server.ts';
import { waitFor } from '../../support/sse-server.ts';

let ntfy: NtfyServer | undefined;
let hub: MercureHub | undefined;
const open: Recorded[] = [];
afterEach(async () => {
  for (const recorded of open.splice(0)) recorded.connection.stop();
  await ntfy?.close();
  await hub?.close();
  ntfy = hub = undefined;
});

function ntfyKnobs() {
  const { idPointer, resume, heartbeatTypes, eventTypes } = presetFields('ntfy');
  return { idPointer, resume, heartbeatTypes, eventTypes };
}

const messagesOf = (events: RawFeedEvent[]) =>
  events.map((event) => (JSON.parse(event.data) as { message: string }).message);

describe('an ntfy topic', () => {
  it('delivers messages published while connected, while dropped and while down exactly once, in order', async () => {
    ntfy = await startNtfyServer({ retryMs: 1000 });
    const url = presetStreamUrl('ntfy', `${ntfy.url}/alerts`);
    const first = connect(url, ntfyKnobs());
    open.push(first);
    await waitFor(() => ntfy!.subscribers() === 1, 'the subscription');
    ntfy.publish('alerts', { message: 'one' });
    ntfy.keepalive();
    ntfy.publish('other', { message: 'not this topic' });
    ntfy.publish('alerts', { message: 'two' });
    await waitFor(() => first.events.length === 2, 'two messages');
    // Dropped: what is published before the reconnect comes with `since=<last id>`.
    ntfy.dropAll();
    await waitFor(() => ntfy!.subscribers() === 0, 'the drop');
    ntfy.publish('alerts', { message: 'three' });
    ntfy.publish('alerts', { message: 'four' });
    await waitFor(() => first.events.length === 4, 'the catch-up after the drop');
    ntfy.publish('alerts', { message: 'five' });
    await waitFor(() => first.events.length === 5, 'five');
    // Down: a new connection from the persisted position, as after a restart.
    first.connection.stop();
    const position = first.connection.lastEventId;
    ntfy.publish('alerts', { message: 'six' });
    const second = connect(url, ntfyKnobs(), { lastEventId: position });
    open.push(second);
    await waitFor(() => second.events.length === 1, 'the catch-up after the restart');
    ntfy.publish('alerts', { message: 'seven' });
    await waitFor(() => second.events.length === 2, 'seven');

    expect(messagesOf(first.events)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(messagesOf(second.events)).toEqual(['six', 'seven']);
    const all = [...first.events, ...second.events];
    // The JSON id stands in for the missing `id:` field: the event's id and the stream position.
    for (const event of all) {
      expect(event.id).toBe((JSON.parse(event.data) as { id: string }).id);
      expect(event.lastEventId).toBe(event.id);
      expect(event.type).toBe('message');
    }
    const paths = ntfy.requests.map((request) => request.path);
    expect(paths[0]).toBe('/alerts/sse?since=12h');
    expect(paths[1]).toBe(`/alerts/sse?since=${first.events[1]!.id}`);
    expect(paths[2]).toBe(`/alerts/sse?since=${position}`);
    // ntfy ignores Last-Event-ID, so it is not sent at all.
    expect(ntfy.requests.every((request) => request.headers['last-event-id'] === undefined)).toBe(true);
  });

  it('treats open and keepalive as activity, never as events, even when every type is taken', async () => {
    ntfy = await startNtfyServer();
    const recorded = connect(`${ntfy.url}/alerts/sse`, { ...ntfyKnobs(), eventTypes: ['*'] });
    open.push(recorded);
    await waitFor(() => ntfy!.subscribers() === 1, 'the subscription');
    ntfy.keepalive();
    ntfy.keepalive();
    ntfy.publish('alerts', { message: 'real' });
    await waitFor(() => recorded.events.length === 1, 'the message');
    expect(recorded.events.map((event) => event.type)).toEqual(['message']);
    expect(recorded.connection.status.eventsReceived).toBe(1);
    // A heartbeat's id is not a message id: resuming from it would ask ntfy for nothing.
    expect(recorded.connection.lastEventId).toBe(recorded.events[0]!.id);
  });
});

describe('a Mercure hub', () => {
  it('resumes with Last-Event-ID and lastEventID after a drop and a restart, each update once', async () => {
    hub = await startMercureHub({ retryMs: 1000 });
    const url = `${hub.url}/.well-known/mercure?topic=${encodeURIComponent('https://example.com/books/1')}`;
    const { resume } = presetFields('mercure');
    const first = connect(url, { resume });
    open.push(first);
    await waitFor(() => hub!.subscribers() === 1, 'the subscription');
    const topic = 'https://example.com/books/1';
    hub.publish(topic, '{"title":"a"}');
    hub.heartbeat();
    hub.publish(topic, '{"title":"b"}');
    await waitFor(() => first.events.length === 2, 'two updates');
    hub.dropAll();
    await waitFor(() => hub!.subscribers() === 0, 'the drop');
    hub.publish(topic, '{"title":"c"}');
    await waitFor(() => first.events.length === 3, 'the catch-up');
    first.connection.stop();
    hub.publish(topic, '{"title":"d"}');
    const second = connect(url, { resume }, { lastEventId: first.connection.lastEventId });
    open.push(second);
    await waitFor(() => second.events.length === 1, 'the catch-up after the restart');

    const titles = [...first.events, ...second.events].map(
      (event) => (JSON.parse(event.data) as { title: string }).title,
    );
    expect(titles).toEqual(['a', 'b', 'c', 'd']);
    const resumed = hub.requests[1]!;
    expect(resumed.headers['last-event-id']).toBe(first.events[1]!.id);
    expect(new URL(resumed.path, hub.url).searchParams.get('lastEventID')).toBe(first.events[1]!.id);
    expect(new URL(resumed.path, hub.url).searchParams.getAll('topic')).toEqual([topic]);
  });
});
