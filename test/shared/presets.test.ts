import { describe, expect, it } from 'vitest';
import { FeedConfigSchema } from '../../src/shared/feed.ts';
import { normalizeEvent } from '../../src/shared/presentation/normalize.ts';
import { presetFields, presetProblem, presetStreamUrl, recognisePreset } from '../../src/shared/presets.ts';

describe('presetStreamUrl', () => {
  it.each([
    ['https://ntfy.sh/alerts', 'https://ntfy.sh/alerts/sse'],
    ['https://ntfy.sh/alerts,deploys', 'https://ntfy.sh/alerts,deploys/sse'],
    ['https://ntfy.sh/alerts/sse', 'https://ntfy.sh/alerts/sse'],
    ['https://ntfy.sh/alerts/json', 'https://ntfy.sh/alerts/sse'],
    ['https://ntfy.sh/alerts/?priority=4', 'https://ntfy.sh/alerts/sse?priority=4'],
    ['https://me:pw@ntfy.example/ops', 'https://me:pw@ntfy.example/ops/sse'],
  ])('turns the ntfy topic URL %s into its stream %s', (url, stream) => {
    expect(presetStreamUrl('ntfy', url)).toBe(stream);
  });

  it('takes other presets’ addresses as they are', () => {
    const hub = 'https://hub.example/.well-known/mercure?topic=a';
    expect(presetStreamUrl('mercure', hub)).toBe(hub);
    expect(presetStreamUrl('generic', 'https://x/feed')).toBe('https://x/feed');
  });
});

describe('presetProblem', () => {
  it('wants a topic for ntfy and Mercure', () => {
    expect(presetProblem('ntfy', 'https://ntfy.sh/')).toMatch(/names a topic/);
    expect(presetProblem('ntfy', 'https://ntfy.sh/alerts')).toBeNull();
    expect(presetProblem('mercure', 'https://hub/.well-known/mercure')).toMatch(/at least one topic/);
    expect(presetProblem('mercure', 'https://hub/.well-known/mercure?topic=x')).toBeNull();
  });
});

describe('recognisePreset', () => {
  it('recognises ntfy by its /sse path and its open event, Mercure by its well-known path', () => {
    const open = { type: 'open', data: '{"id":"x","time":1,"event":"open","topic":"alerts"}' };
    expect(recognisePreset({ url: 'https://ntfy.sh/alerts/sse', events: [open] })).toBe('ntfy');
    expect(recognisePreset({ url: 'https://x/feed/sse', events: [{ type: 'open', data: 'hi' }] })).toBeNull();
    expect(recognisePreset({ url: 'https://x/feed', events: [open] })).toBeNull();
    expect(recognisePreset({ url: 'https://hub/.well-known/mercure?topic=a', events: [] })).toBe('mercure');
    expect(recognisePreset({ url: 'not a url', events: [] })).toBeNull();
  });
});

describe('the ntfy preset', () => {
  const feed = FeedConfigSchema.parse({
    id: 'n',
    name: 'ntfy',
    url: 'https://ntfy.sh/alerts/sse',
    ...presetFields('ntfy'),
  });
  const raw = (data: object) => ({
    feedId: 'n',
    type: 'message',
    id: 'x',
    lastEventId: 'x',
    data: JSON.stringify(data),
    receivedAt: 0,
  });

  it('is a valid feed that resumes by since=, skips heartbeats and asks 12 h back on a first connect', () => {
    expect(feed.idPointer).toBe('/id');
    expect(feed.resume).toEqual({ lastEventId: false, queryParam: 'since', initial: '12h' });
    expect(feed.heartbeatTypes).toEqual(['open', 'keepalive']);
    expect(presetFields('ntfy', '30m').resume.initial).toBe('30m');
  });

  it('maps title, message, click, priority, emoji tags and attachment and icon links', () => {
    const event = normalizeEvent(
      raw({
        id: 'x',
        topic: 'alerts',
        title: 'Disk full',
        message: 'sda1 at 99%',
        priority: 5,
        click: 'https://grafana.example/d/1',
        tags: ['rotating_light', 'warning', 'prod', 7],
        attachment: { name: 'a.png', url: 'https://files.example/a.png' },
        icon: 'https://files.example/icon.png',
      }),
      feed.mapping,
      1,
      feed.severity,
    );
    expect(event.title).toBe('🚨 ⚠️ Disk full');
    expect(event.body).toBe(
      'sda1 at 99%\nTags: prod\nhttps://files.example/a.png\nhttps://files.example/icon.png',
    );
    expect(event.link).toBe('https://grafana.example/d/1');
    expect(event.severity).toBe(5);
  });

  it('titles a message without a title with its topic, and maps priority 1 to 1', () => {
    const event = normalizeEvent(
      raw({ id: 'x', topic: 'alerts', message: 'hello', priority: 1, icon: 'javascript:alert(1)' }),
      feed.mapping,
      1,
      feed.severity,
    );
    expect(event.title).toBe('alerts');
    expect(event.body).toBe('hello');
    expect(event.severity).toBe(1);
    expect(event.link).toBeNull();
  });
});
