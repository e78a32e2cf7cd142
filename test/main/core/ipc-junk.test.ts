import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../../src/shared/ipc-channels.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';

let app: CoreUnderTest;
beforeAll(async () => {
  app = await bootCore();
});
afterAll(() => app.stop());

/** What a broken or hostile renderer might send in place of a request. */
function junk(): [string, unknown][] {
  let deep: unknown = 'bottom';
  for (let level = 0; level < 10_000; level++) deep = [deep];
  return [
    ['a number', 42],
    ['a string', 'feeds'],
    ['an array', [1, 2, 3]],
    ['__proto__ as a key', JSON.parse('{"__proto__": {"polluted": true}, "id": "__proto__"}')],
    ['constructor as a key', { constructor: { prototype: { polluted: true } } }],
    ['wrong types everywhere', { id: 5, feedId: {}, eventKey: [], url: null, rules: 'all', limit: 'x' }],
    ['NaN and Infinity', { limit: Number.NaN, before: Infinity, id: -0 }],
    [
      'a megabyte of text',
      { id: 'x'.repeat(1 << 20), feedId: 'x'.repeat(1 << 20), text: 'x'.repeat(1 << 20) },
    ],
    ['nested 10,000 deep', { rules: deep, mapping: deep }],
  ];
}

describe('every IPC channel, given junk', () => {
  it.each(INVOKE_CHANNELS.filter((channel) => channel !== 'app:ping' && channel !== 'app:state'))(
    '%s answers in words and keeps the core working',
    async (channel) => {
      for (const [what, request] of junk()) {
        const result = await app.core.handle(channel, request);
        if (!result.ok) {
          // A refusal names what was wrong; never an internal error, never a throw.
          expect(result.error.code, `${channel} given ${what}`).not.toBe('internal');
          expect(result.error.message.length, `${channel} given ${what}`).toBeGreaterThan(10);
          expect(result.error.message.length, `${channel} given ${what}`).toBeLessThan(2000);
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await app.core.handle('app:ping', { sentAt: 1 })).ok).toBe(true);
    },
  );
});
