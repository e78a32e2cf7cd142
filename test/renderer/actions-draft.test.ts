import { describe, expect, test } from 'vitest';
import {
  actionIds,
  actionsDraft,
  blankAction,
  draftToActions,
  idStem,
  showsBody,
  type ActionDraft,
} from '../../src/renderer/editor/actions-draft.ts';
import { FeedConfigSchema } from '../../src/shared/feed.ts';

const saved = FeedConfigSchema.parse({
  id: 'ops',
  name: 'Ops',
  url: 'https://ops.example/stream',
  actions: [
    {
      id: 'ack_1',
      label: 'Acknowledge',
      url: '/alerts/{/alert_id}/ack',
      body: '{{"by": "feedtray", "title": "{title}"}}',
    },
    {
      id: 'look',
      label: 'Look up',
      method: 'GET',
      url: 'https://hooks.example/q?id={id}',
      allowHost: 'hooks.example',
    },
    {
      id: 'ping',
      label: 'Ping',
      method: 'PUT',
      url: '/ping',
      body: '',
      contentType: 'text/plain; charset=utf-8',
    },
  ],
});

/** The schema's problems with the drafted actions, by field path. */
function problems(drafts: ActionDraft[]): Map<string, string> {
  const parsed = FeedConfigSchema.shape.actions.safeParse(draftToActions(drafts));
  return new Map((parsed.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
}

/** A new action with these fields. */
const draft = (fields: Partial<ActionDraft>): ActionDraft => ({ ...blankAction(), ...fields });

describe('the actions draft', () => {
  test('gives back the saved actions unchanged when nothing is edited (ids, null host, empty body, content type)', () => {
    const roundTrip = FeedConfigSchema.shape.actions.parse(draftToActions(actionsDraft(saved.actions)));
    expect(roundTrip).toEqual(saved.actions);
    expect(roundTrip[0]).toMatchObject({ method: 'POST', allowHost: null, contentType: 'application/json' });
    expect(roundTrip[2]!.body).toBe('');
  });

  test('keeps a saved action’s id when its label changes: its past presses are recorded by it', () => {
    const drafts = actionsDraft(saved.actions);
    drafts[0]!.label = 'Close';
    expect(draftToActions(drafts)[0]).toMatchObject({ id: 'ack_1', label: 'Close' });
  });

  test('makes ids for new actions from their labels, unique and within the schema’s pattern', () => {
    const drafts = [
      ...actionsDraft(saved.actions),
      draft({ label: 'Look up', url: '/a' }),
      draft({ label: 'Look up', url: '/b' }),
      draft({ label: '确认', url: '/c' }),
      draft({ label: 'Résoudre l’alerte — maintenant, s’il vous plaît!!', url: '/d' }),
      draft({ label: '', url: '/e' }),
    ];
    const ids = actionIds(drafts);
    expect(ids).toEqual([
      'ack_1',
      'look',
      'ping',
      'look-up',
      'look-up-2',
      'action',
      'resoudre-l-alerte-maintenant',
      'action-2',
    ]);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a new action never takes the id of a saved one, whatever the order', () => {
    const drafts = [draft({ label: 'Look', url: '/x' }), ...actionsDraft(saved.actions)];
    expect(actionIds(drafts)).toEqual(['look-2', 'ack_1', 'look', 'ping']);
  });

  test('reads empty fields as the schema’s "none": no body, the JSON content type, no other host', () => {
    const [action] = draftToActions([
      draft({ label: 'Ack', url: '/ack', contentType: '  ', allowHost: ' ' }),
    ]);
    expect(action).toEqual({
      id: 'ack',
      label: 'Ack',
      method: 'POST',
      url: '/ack',
      body: null,
      contentType: 'application/json',
      allowHost: null,
    });
    const [trimmed] = draftToActions([
      draft({ label: 'Ack', url: '/ack', allowHost: ' hooks.example:8443 ' }),
    ]);
    expect(trimmed!.allowHost).toBe('hooks.example:8443');
  });

  test('names each bad input by its field path with the schema’s sentence', () => {
    const found = problems([
      draft({ label: ' ', url: '' }),
      draft({
        label: 'Ack',
        url: '/a/{alert}',
        body: '{"ack": true}',
        contentType: 'json',
        allowHost: 'https://x.example/',
      }),
    ]);
    expect(found.get('0.label')).toBe('Give the button a label');
    expect(found.get('0.url')).toBe('Give the address the action calls');
    expect(found.get('1.url')).toMatch(/^Unknown field \{alert\}/);
    expect(found.get('1.body')).toMatch(/^Unknown field \{"ack": true\}/);
    expect(found.get('1.contentType')).toBe('Not a media type');
    expect(found.get('1.allowHost')).toBe('A host name, with an optional :port');
    expect(found.has('0.id')).toBe(false);
  });

  test('shows the body for methods that send one, and for a GET that still holds one', () => {
    expect(showsBody({ method: 'POST', body: '' })).toBe(true);
    expect(showsBody({ method: 'GET', body: '' })).toBe(false);
    expect(showsBody({ method: 'GET', body: 'x' })).toBe(true);
  });

  test('a stem is never empty and never starts or ends with a dash', () => {
    expect(idStem('  -- Ack! --')).toBe('ack');
    expect(idStem('!!!')).toBe('action');
    expect(idStem('a'.repeat(40))).toHaveLength(28);
  });
});
