import { describe, expect, test } from 'vitest';
import { NOTIFY_DECISIONS } from '../../src/shared/feed.ts';
import { decisionLabel, decisionNotified, severityLabel } from '../../src/renderer/history/decisions.ts';
import {
  historyRequest,
  parseTypes,
  type HistoryFilters,
} from '../../src/renderer/history/history-request.ts';
import { parseLocalDateTime, timeBounds } from '../../src/renderer/history/time-range.ts';
import { HistoryQueryRequestSchema } from '../../src/shared/history.ts';

const NOW = Date.UTC(2025, 2, 1, 12, 0, 0);
const HOUR = 3_600_000;
const none: HistoryFilters = {
  text: '',
  feedIds: [],
  types: '',
  severities: [],
  decisions: [],
  range: 'all',
  customFromMs: null,
  customToMs: null,
};

describe('history filters as a request', () => {
  test('no filter asks for the newest page only', () => {
    expect(historyRequest(none, NOW, 50)).toEqual({ ok: true, request: { limit: 50 } });
  });

  test('every filter narrows, and the request passes the IPC schema', () => {
    const built = historyRequest(
      {
        text: '  "exact phrase" OR usd ',
        feedIds: ['orders-db', 'rates'],
        types: 'alert, message, alert,',
        severities: [5, 4],
        decisions: ['dnd', 'notified'],
        range: 'day',
        customFromMs: null,
        customToMs: null,
      },
      NOW,
      50,
      '@42',
    );
    expect(built).toEqual({
      ok: true,
      request: {
        limit: 50,
        fromMs: NOW - 24 * HOUR,
        text: '"exact phrase" OR usd',
        feedIds: ['orders-db', 'rates'],
        types: ['alert', 'message'],
        severities: [4, 5],
        decisions: ['dnd', 'notified'],
        before: '@42',
      },
    });
    expect(built.ok && HistoryQueryRequestSchema.safeParse(built.request).success).toBe(true);
  });

  test('pasted text longer than the contract takes is searched by its first 200 characters', () => {
    const built = historyRequest({ ...none, text: 'x'.repeat(5000) }, NOW, 50);
    expect(built.ok && built.request.text?.length).toBe(200);
    expect(built.ok && HistoryQueryRequestSchema.safeParse(built.request).success).toBe(true);
  });

  test('types are trimmed, distinct, and bounded in length and number', () => {
    expect(parseTypes(' a ,b,, a ,')).toEqual(['a', 'b']);
    expect(parseTypes(`ok,${'y'.repeat(101)}`)).toEqual(['ok']);
    expect(parseTypes(Array.from({ length: 80 }, (_, i) => `t${i}`).join(','))).toHaveLength(50);
    expect(parseTypes('__proto__, constructor')).toEqual(['__proto__', 'constructor']);
  });
});

describe('time ranges', () => {
  test('relative ranges end now and reach back their span; "all" is open', () => {
    expect(timeBounds('hour', NOW)).toEqual({ ok: true, bounds: { fromMs: NOW - HOUR } });
    expect(timeBounds('month', NOW)).toEqual({ ok: true, bounds: { fromMs: NOW - 30 * 24 * HOUR } });
    expect(timeBounds('all', NOW)).toEqual({ ok: true, bounds: {} });
    // A clock near the epoch never asks for a negative time.
    expect(timeBounds('week', 1000)).toEqual({ ok: true, bounds: { fromMs: 0 } });
  });

  test('a custom range may be open on either side, and must run forwards', () => {
    expect(timeBounds('custom', NOW, { fromMs: 10, toMs: null })).toEqual({
      ok: true,
      bounds: { fromMs: 10 },
    });
    expect(timeBounds('custom', NOW, { fromMs: null, toMs: 20 })).toEqual({ ok: true, bounds: { toMs: 20 } });
    expect(timeBounds('custom', NOW, { fromMs: 20, toMs: 20 })).toEqual({
      ok: false,
      problem: 'history.rangeOrder',
    });
    expect(timeBounds('custom', NOW, { fromMs: Number.NaN, toMs: null })).toEqual({
      ok: false,
      problem: 'history.rangeInvalid',
    });
    // Year 20000 fits a datetime field but not the contract: refused here rather than by main.
    expect(timeBounds('custom', NOW, { fromMs: null, toMs: 8.64e15 })).toEqual({
      ok: false,
      problem: 'history.rangeInvalid',
    });
  });

  test('a datetime-local value is read as local time; empty is no bound, anything else is invalid', () => {
    expect(parseLocalDateTime('2025-03-01T14:05')).toBe(new Date(2025, 2, 1, 14, 5).getTime());
    expect(parseLocalDateTime('  ')).toBeNull();
    expect(parseLocalDateTime('yesterday')).toBeNaN();
    expect(parseLocalDateTime('2025-03-01T14:05Z')).toBeNaN();
  });
});

describe('decisions and severity in words', () => {
  test('every decision code has words, and an unknown code is shown, not hidden', () => {
    for (const code of NOTIFY_DECISIONS) expect(typeof decisionLabel(code), code).toBe('string');
    expect(decisionLabel('min-interval')).toBe('decision.minInterval');
    expect(decisionLabel('dnd')).toBe('decision.dnd');
    expect(decisionLabel('keyword')).toBe('decision.keyword');
    expect(decisionLabel('quiet-hours')).toEqual(['decision.other', { code: 'quiet-hours' }]);
    expect(decisionLabel('__proto__')).toEqual(['decision.other', { code: '__proto__' }]);
    expect(decisionNotified('coalesced')).toBe(true);
    expect(decisionNotified('dnd')).toBe(false);
  });

  test('severity 1–5 has a word; anything else has none', () => {
    expect([1, 2, 3, 4, 5].map(severityLabel)).toEqual([
      'severity.1',
      'severity.2',
      'severity.3',
      'severity.4',
      'severity.5',
    ]);
    expect(severityLabel(0)).toBeNull();
    expect(severityLabel(2.5)).toBeNull();
    expect(severityLabel(Number.NaN)).toBeNull();
  });
});
