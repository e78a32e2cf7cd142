import { describe, expect, it } from 'vitest';
import {
  ACTION_LABEL_MAX,
  actionButtons,
  MAX_SERVER_ACTIONS,
  notificationActions,
  parseServerActions,
} from '../../src/shared/actions.ts';
import { FeedConfigSchema, type FeedConfigInput } from '../../src/shared/feed.ts';
import { presetFields } from '../../src/shared/presets.ts';
import { feedEvent } from '../main/pipeline/make-event.ts';

const view = (n: number) => ({ action: 'view', label: `Open ${n}`, url: `https://example.com/${n}` });
const parse = (actions: unknown) => parseServerActions({ actions }, '/actions');
const feed = (input: Partial<FeedConfigInput> = {}) =>
  FeedConfigSchema.parse({ id: 'ops', name: 'Ops', url: 'https://ops.example/alerts/sse', ...input });

describe('parseServerActions (ntfy actions)', () => {
  it('reads view and http actions with their method, headers and body', () => {
    const actions = parse([
      { action: 'view', label: 'Open portal', url: 'https://home.example/', clear: true },
      {
        action: 'http',
        label: 'Close door',
        url: 'https://api.example/door',
        method: 'put',
        headers: { Authorization: 'Bearer zAzsx1sk..' },
        body: '{"action":"close"}',
      },
    ]);
    expect(actions).toEqual([
      { kind: 'view', index: 0, label: 'Open portal', url: 'https://home.example/' },
      {
        kind: 'http',
        index: 1,
        label: 'Close door',
        url: 'https://api.example/door',
        method: 'PUT',
        headers: [['Authorization', 'Bearer zAzsx1sk..']],
        body: '{"action":"close"}',
      },
    ]);
    // ntfy's default method is POST.
    expect(parse([{ action: 'http', label: 'Go', url: 'https://x.example/' }])[0]).toMatchObject({
      method: 'POST',
      headers: [],
      body: null,
    });
  });

  it('finds nothing in data that is not an array of actions', () => {
    for (const junk of [undefined, null, 'view', 42, { action: 'view' }, [null, 1, 'x', [view(1)]]]) {
      expect(parse(junk)).toEqual([]);
    }
    expect(parseServerActions(undefined, '/actions')).toEqual([]);
    expect(parseServerActions({ actions: [view(1)] }, undefined)).toEqual([]);
  });

  it('keeps at most three of a thousand, reading only the first few', () => {
    const many = Array.from({ length: 1000 }, (_, n) => view(n));
    const actions = parse(many);
    expect(actions).toHaveLength(MAX_SERVER_ACTIONS);
    expect(actions.map((action) => action.label)).toEqual(['Open 0', 'Open 1', 'Open 2']);
    // Junk at the start is skipped, but the scan is bounded: a valid one after 1000 junk entries is never read.
    const buried = [...Array.from({ length: 1000 }, () => ({ action: 'broadcast' })), view(9)];
    expect(parse(buried)).toEqual([]);
  });

  it('ignores broadcast, unknown kinds, and addresses that are not plain http(s)', () => {
    const actions = parse([
      { action: 'broadcast', label: 'Take picture', extras: { cmd: 'pic' } },
      { action: 'exec', label: 'Run', url: 'https://x.example/' },
      { action: 'view', label: 'XSS', url: 'javascript:alert(1)' },
      { action: 'view', label: 'File', url: 'file:///etc/passwd' },
      { action: 'view', label: 'Relative', url: '/relative' },
      { action: 'view', label: 'Creds', url: 'https://user:pw@x.example/' },
      { action: 'http', label: 'Trace', url: 'https://x.example/', method: 'TRACE' },
      {
        action: 'http',
        label: 'Bad header',
        url: 'https://x.example/',
        headers: { 'X-A': 'a\r\nInjected: 1' },
      },
      { action: 'http', label: 'Euro header', url: 'https://x.example/', headers: { 'X-A': '€' } },
      { action: 'http', label: 'Bad name', url: 'https://x.example/', headers: { 'X A': 'a' } },
      { action: 'http', label: 'Big body', url: 'https://x.example/', body: 'x'.repeat(100_000) },
      { action: 'view', label: 'Fine', url: 'https://fine.example/' },
    ]);
    expect(actions).toEqual([{ kind: 'view', index: 11, label: 'Fine', url: 'https://fine.example/' }]);
  });

  it('reads only own properties: a __proto__ key changes nothing', () => {
    const hostile = JSON.parse(
      '[{"__proto__": {"action": "view", "label": "Inherited", "url": "https://evil.example/"}},' +
        '{"action": "http", "label": "Go", "url": "https://x.example/", "headers": {"__proto__": "x", "constructor": "y"}}]',
    ) as unknown;
    const actions = parse(hostile);
    expect(actions).toEqual([
      {
        kind: 'http',
        index: 1,
        label: 'Go',
        url: 'https://x.example/',
        method: 'POST',
        headers: [
          ['__proto__', 'x'],
          ['constructor', 'y'],
        ],
        body: null,
      },
    ]);
    expect(({} as Record<string, unknown>).action).toBeUndefined();
  });

  it('cleans labels to one short line and drops empty ones', () => {
    const actions = parse([
      { action: 'view', label: `Ack\n\u202Enow\u0007 ${'x'.repeat(10_000)}`, url: 'https://x.example/' },
      { action: 'view', label: '   \n\t ', url: 'https://x.example/' },
      { action: 'view', label: 7, url: 'https://x.example/' },
    ]);
    expect(actions).toHaveLength(1);
    expect(actions[0]!.label.length).toBeLessThanOrEqual(ACTION_LABEL_MAX);
    expect(actions[0]!.label).toMatch(/^Ack now x+…$/);
  });
});

describe('actionButtons', () => {
  const data = JSON.stringify({ id: 'a1', actions: [view(1), { action: 'broadcast', label: 'B' }] });

  it("lists the server's buttons, then the feed's, with stable ids and the host each reaches", () => {
    const ntfy = feed({
      mapping: presetFields('ntfy').mapping,
      actions: [
        { id: 'ack', label: 'Acknowledge', url: '/alerts/{/id}/ack' },
        { id: 'pager', label: 'Page', url: 'https://pager.example/{/id}', allowHost: 'pager.example' },
      ],
    });
    expect(actionButtons(ntfy, feedEvent({ feedId: 'ops', data }))).toEqual([
      { id: 'server:0', label: 'Open 1', kind: 'view', host: 'example.com' },
      { id: 'feed:ack', label: 'Acknowledge', kind: 'http', host: 'ops.example' },
      { id: 'feed:pager', label: 'Page', kind: 'http', host: 'pager.example' },
    ]);
  });

  it('offers a configured button only on events that have every field its address and body need', () => {
    const ops = feed({
      actions: [
        { id: 'ack', label: 'Acknowledge', url: '/alerts/{/alert_id}/ack' },
        { id: 'note', label: 'Note', url: '/notes', body: '{{"alert": "{/alert_id}", "by": "{/owner}"}}' },
        { id: 'look', label: 'Look up', method: 'GET', url: '/search', body: '{/never}' },
      ],
    });
    const ids = (json: object) =>
      actionButtons(ops, feedEvent({ data: JSON.stringify(json) })).map((button) => button.id);
    expect(ids({ alert_id: 'a1', owner: 'kim' })).toEqual(['feed:ack', 'feed:note', 'feed:look']);
    expect(ids({ alert_id: 'a1' })).toEqual(['feed:ack', 'feed:look']); // the note's body needs /owner
    expect(ids({ title: 'deploy finished' })).toEqual(['feed:look']); // a GET sends no body: nothing missing
    expect(actionButtons(ops, feedEvent({ data: 'plain text' })).map((button) => button.id)).toEqual([
      'feed:look',
    ]);
  });

  it('has no server buttons without the mapping, and none at all for a plain feed', () => {
    expect(actionButtons(feed(), feedEvent({ data }))).toEqual([]);
    expect(notificationActions(feed(), feedEvent({ data }))).toEqual([]);
  });

  it('gives a notification at most three buttons, by id and label only', () => {
    const many = feed({
      mapping: { actions: '/actions' },
      actions: ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase(), url: '/x' })),
    });
    expect(notificationActions(many, feedEvent({ data }))).toEqual([
      { id: 'server:0', label: 'Open 1' },
      { id: 'feed:a', label: 'A' },
      { id: 'feed:b', label: 'B' },
    ]);
  });
});
