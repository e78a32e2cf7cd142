import { FeedActionSchema } from '../../../src/shared/rules/schema.ts';
import { describe, expect, it } from 'vitest';
import { planAction } from '../../../src/shared/action-plan.ts';
import { actionButtons } from '../../../src/shared/actions.ts';
import { FeedConfigSchema, type FeedConfigInput } from '../../../src/shared/feed.ts';
import { feedEvent } from '../pipeline/make-event.ts';

const feed = (input: Partial<FeedConfigInput> = {}) =>
  FeedConfigSchema.parse({ id: 'ops', name: 'Ops', url: 'https://ops.example:8443/alerts/sse', ...input });
const event = feedEvent({
  feedId: 'ops',
  id: 'a1',
  title: 'Disk "full"',
  value: 97.5,
  data: JSON.stringify({ alert: { id: 'A 1/2', host: 'db-1' }, note: 'line\nbreak "quoted"' }),
});
const ack = (input: { url: string } & Record<string, unknown>) =>
  feed({ actions: [{ id: 'ack', label: 'Acknowledge', ...input }] });

describe('planAction for configured actions', () => {
  it('fills the address percent-encoded and a JSON body JSON-escaped, on the feed origin', () => {
    const plan = planAction(
      ack({
        url: '/alerts/{/alert/id}/ack?host={/alert/host}',
        body: '{"by":"feedtray","title":"{title}","note":"{/note}","value":{value}}',
      }),
      event,
      'feed:ack',
    );
    expect(plan).toEqual({
      kind: 'http',
      label: 'Acknowledge',
      request: {
        url: 'https://ops.example:8443/alerts/A%201%2F2/ack?host=db-1',
        method: 'POST',
        withFeedHeaders: true,
        headers: [['Content-Type', 'application/json']],
        body: '{"by":"feedtray","title":"Disk \\"full\\"","note":"line\\nbreak \\"quoted\\"","value":97.5}',
      },
    });
    expect(JSON.parse((plan as { request: { body: string } }).request.body)).toMatchObject({
      note: 'line\nbreak "quoted"',
    });
  });

  it('writes a text body as it is', () => {
    const plan = planAction(
      ack({ url: '/ack', method: 'PUT', body: 'ack {/alert/id}', contentType: 'text/plain; charset=utf-8' }),
      event,
      'feed:ack',
    );
    expect(plan).toMatchObject({
      request: { method: 'PUT', body: 'ack A 1/2', headers: [['Content-Type', 'text/plain; charset=utf-8']] },
    });
  });

  it('refuses, naming the field, when the event lacks a placeholder of the address or the body', () => {
    expect(planAction(ack({ url: '/alerts/{/incident}/ack' }), event, 'feed:ack')).toEqual({
      kind: 'refused',
      label: 'Acknowledge',
      message: "Refused: this event has no {/incident} for the action's address",
    });
    expect(
      planAction(ack({ url: '/ack', body: '{"who":"{/user}","link":"{link}"}' }), event, 'feed:ack'),
    ).toEqual({
      kind: 'refused',
      label: 'Acknowledge',
      message: "Refused: this event has no {/user}, {link} for the action's body",
    });
  });

  it('says how to write a literal brace when a body is JSON without placeholders inside its braces', () => {
    // Refused when saved, so such an action never reaches a press.
    const refused = FeedActionSchema.safeParse({
      id: 'ack',
      label: 'Ack',
      url: '/ack',
      body: '{"ack":true}',
    });
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [
        'body',
        'Unknown field {"ack":true}: use a JSON pointer like {/pair} or one of {value}, {title}, {body}, {feed}, {type}, {id}, {severity}, {link}; write {{ and }} for a literal brace',
      ],
    ]);
    expect(planAction(ack({ url: '/ack', body: '{{"ack":true}}' }), event, 'feed:ack')).toMatchObject({
      request: { body: '{"ack":true}' },
    });
  });

  it('refuses another host, another port or another scheme, unless that host is allowed', () => {
    const refusals: [string, string][] = [
      ['https://evil.example/ack', 'evil.example'],
      ['https://ops.example/ack', 'ops.example'],
      ['http://ops.example:8443/ack', 'ops.example:8443'],
    ];
    for (const [url, host] of refusals) {
      expect(planAction(ack({ url }), event, 'feed:ack')).toMatchObject({
        kind: 'refused',
        message: `Refused: ${host} is not this feed's server`,
      });
    }
    expect(
      planAction(
        ack({ url: 'https://pager.example/{/alert/id}', allowHost: 'PAGER.example' }),
        event,
        'feed:ack',
      ),
    ).toMatchObject({
      kind: 'http',
      request: { url: 'https://pager.example/A%201%2F2', withFeedHeaders: true },
    });
    // The allowed host is exactly that host: not a sibling, not another port.
    expect(
      planAction(ack({ url: 'https://pager.example:444/', allowHost: 'pager.example' }), event, 'feed:ack'),
    ).toMatchObject({ kind: 'refused' });
  });

  it('cannot be steered elsewhere by what the event holds', () => {
    const hostile = feedEvent({
      feedId: 'ops',
      data: JSON.stringify({ next: '//evil.example/x', path: '@evil.example' }),
    });
    expect(planAction(ack({ url: '{/next}' }), hostile, 'feed:ack')).toMatchObject({
      request: { url: 'https://ops.example:8443/alerts/%2F%2Fevil.example%2Fx' },
    });
    expect(planAction(ack({ url: 'https://ops.example:8443{/path}' }), hostile, 'feed:ack')).toMatchObject({
      kind: 'refused',
    });
  });

  it('cannot be moved to another path of the server by an event holding "." or ".."', () => {
    const template = ack({ url: '/alerts/{/id}/ack' });
    // The URL parser reads `..` (and `%2e%2e`) as "the folder above": /alerts/../ack would be /ack.
    for (const id of ['..', '.']) {
      const hostile = feedEvent({ feedId: 'ops', data: JSON.stringify({ id }) });
      expect(planAction(template, hostile, 'feed:ack')).toEqual({
        kind: 'refused',
        label: 'Acknowledge',
        message: `Refused: this event's {/id} would change the address's path ("." or "..")`,
      });
      expect(actionButtons(template, hostile)).toEqual([]); // not even offered
    }
    // Encoded dots in the data stay data: their % is encoded too.
    const encoded = feedEvent({ feedId: 'ops', data: JSON.stringify({ id: '%2e%2e' }) });
    expect(planAction(template, encoded, 'feed:ack')).toMatchObject({
      request: { url: 'https://ops.example:8443/alerts/%252e%252e/ack' },
    });
    const dotted = feedEvent({ feedId: 'ops', data: JSON.stringify({ id: 'v1..v2' }) });
    expect(planAction(template, dotted, 'feed:ack')).toMatchObject({
      request: { url: 'https://ops.example:8443/alerts/v1..v2/ack' },
    });
  });

  it('sends no body with GET and knows no unknown button', () => {
    expect(planAction(ack({ url: '/ack', method: 'GET', body: 'x' }), event, 'feed:ack')).toMatchObject({
      request: { method: 'GET', body: null, headers: [] },
    });
    expect(planAction(ack({ url: '/ack' }), event, 'feed:nope')).toBeNull();
    expect(planAction(ack({ url: '/ack' }), event, 'server:0')).toBeNull();
  });
});

describe('planAction for server actions', () => {
  const ntfy = feed({ mapping: { actions: '/actions' } });
  const withActions = (actions: unknown[]) => feedEvent({ feedId: 'ops', data: JSON.stringify({ actions }) });

  it("never carries the feed's headers, not even to the feed's own origin", () => {
    const own = planAction(
      ntfy,
      withActions([{ action: 'http', label: 'Ack', url: 'https://ops.example:8443/ack' }]),
      'server:0',
    );
    // Whoever can publish to the topic wrote this button: the user's token is not theirs to use.
    expect(own).toMatchObject({ kind: 'http', request: { withFeedHeaders: false } });
    const foreign = planAction(
      ntfy,
      withActions([
        { action: 'http', label: 'Ack', url: 'https://api.example/ack', headers: { 'X-Key': 'k' } },
      ]),
      'server:0',
    );
    expect(foreign).toMatchObject({
      kind: 'http',
      request: { withFeedHeaders: false, headers: [['X-Key', 'k']] },
    });
  });

  it('opens a view action', () => {
    expect(
      planAction(
        ntfy,
        withActions([{ action: 'view', label: 'Open', url: 'https://x.example/a' }]),
        'server:0',
      ),
    ).toEqual({
      kind: 'view',
      label: 'Open',
      url: 'https://x.example/a',
    });
  });
});
