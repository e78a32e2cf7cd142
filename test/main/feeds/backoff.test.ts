import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, nextDelay } from '../../../src/main/feeds/backoff.ts';

describe('nextDelay', () => {
  it('doubles the jitter cap from 1 s per attempt', () => {
    const top = () => 0.999_999;
    expect(nextDelay(1, null, top)).toBe(999);
    expect(nextDelay(2, null, top)).toBe(1999);
    expect(nextDelay(3, null, top)).toBe(3999);
    expect(nextDelay(4, null, top)).toBe(7999);
  });

  it('never exceeds five minutes however many attempts failed', () => {
    for (const attempt of [9, 10, 50, 1000])
      expect(nextDelay(attempt, null, () => 0.999_999)).toBeLessThan(BACKOFF_MAX_MS);
    expect(nextDelay(1000, null, () => 0.999_999)).toBe(BACKOFF_MAX_MS - 1);
  });

  it('uses full jitter: the whole range down to zero is possible', () => {
    expect(nextDelay(5, null, () => 0)).toBe(0);
    expect(nextDelay(5, null, () => 0.5)).toBe(8000);
  });

  it("treats the server's retry as the floor", () => {
    expect(nextDelay(1, 3000, () => 0.5)).toBe(3000);
    expect(nextDelay(6, 3000, () => 0.5)).toBe(16_000);
  });

  it('treats attempt 0 or below like the first retry', () => {
    expect(nextDelay(0, null, () => 0.5)).toBe(500);
    expect(nextDelay(-3, null, () => 0.5)).toBe(500);
  });
});
