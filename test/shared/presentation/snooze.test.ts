import { describe, expect, it } from 'vitest';
import { SNOOZED_UNTIL_RESUMED } from '../../../src/shared/feed.ts';
import { formatUntil, isQuietAt, quietUntil } from '../../../src/shared/presentation/snooze.ts';

const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi);

describe('quietUntil', () => {
  it('adds one or four hours', () => {
    const now = local(2026, 3, 10, 14, 30);
    expect(quietUntil('1h', now) - now.getTime()).toBe(3_600_000);
    expect(quietUntil('4h', now) - now.getTime()).toBe(4 * 3_600_000);
  });

  it('ends "tomorrow" at 09:00 local on the next calendar day, also from just before and after midnight', () => {
    expect(new Date(quietUntil('tomorrow', local(2026, 3, 10, 23, 59)))).toEqual(local(2026, 3, 11, 9));
    expect(new Date(quietUntil('tomorrow', local(2026, 3, 11, 0, 1)))).toEqual(local(2026, 3, 12, 9));
    expect(new Date(quietUntil('tomorrow', local(2026, 12, 31, 22)))).toEqual(local(2027, 1, 1, 9));
  });

  it('lands on 09:00 local across a daylight-saving change', () => {
    const zone = process.env.TZ;
    try {
      // Node applies a changed TZ at once; a fixed 24 h offset would be an hour off on these nights.
      process.env.TZ = 'Europe/Berlin'; // clocks go forward on 29 March 2026
      expect(new Date(quietUntil('tomorrow', new Date('2026-03-28T19:00:00Z'))).toISOString()).toBe(
        '2026-03-29T07:00:00.000Z',
      );
      process.env.TZ = 'America/New_York'; // clocks go back on 1 November 2026
      expect(new Date(quietUntil('tomorrow', new Date('2026-11-01T00:00:00Z'))).toISOString()).toBe(
        '2026-11-01T14:00:00.000Z',
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('"manual" never ends', () => {
    expect(quietUntil('manual', new Date())).toBe(SNOOZED_UNTIL_RESUMED);
    expect(isQuietAt(SNOOZED_UNTIL_RESUMED, Date.now())).toBe(true);
  });
});

describe('isQuietAt and formatUntil', () => {
  it('is quiet strictly before the end', () => {
    expect(isQuietAt(1000, 999)).toBe(true);
    expect(isQuietAt(1000, 1000)).toBe(false);
    expect(isQuietAt(null, 0)).toBe(false);
  });

  it('says the time today, the weekday and time on another day, nothing for "until resumed"', () => {
    const now = local(2026, 3, 10, 14).getTime();
    expect(formatUntil(local(2026, 3, 10, 15, 30).getTime(), now, 'en')).toBe('15:30');
    expect(formatUntil(local(2026, 3, 11, 9).getTime(), now, 'en')).toBe('Wed 09:00');
    expect(formatUntil(SNOOZED_UNTIL_RESUMED, now, 'en')).toBeNull();
  });
});
