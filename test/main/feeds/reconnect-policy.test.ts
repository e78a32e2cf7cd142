import { describe, expect, it } from 'vitest';
import { clampRetryMs, RETRY_MAX_MS, RETRY_MIN_MS } from '../../../src/main/feeds/backoff.ts';
import { planReconnect, RequestPacer } from '../../../src/main/feeds/reconnect-policy.ts';
import { formatWait, parseRetryAfter, RETRY_AFTER_MAX_MS } from '../../../src/main/feeds/retry-after.ts';
import { MAX_TIMER_MS, systemClock, timerDelay } from '../../../src/main/ports.ts';

const top = () => 0.999_999;

describe("the server's retry", () => {
  it('is held to 1 s … 1 h before any timer sees it', () => {
    expect(clampRetryMs(0)).toBe(RETRY_MIN_MS);
    expect(clampRetryMs(1)).toBe(1000);
    expect(clampRetryMs(2500)).toBe(2500);
    expect(clampRetryMs(3_000_000_000)).toBe(RETRY_MAX_MS);
    expect(clampRetryMs(1_000_000_000_000)).toBe(60 * 60 * 1000);
    expect(clampRetryMs(null)).toBeNull();
  });
});

describe('planReconnect', () => {
  it('waits the reconnection time after a healthy stream and resets the streak', () => {
    const healthy = { kind: 'stream-ended', openMs: 60_000, events: 0 } as const;
    expect(planReconnect(healthy, 4, null, top)).toEqual({ failures: 0, delayMs: 3000 });
    expect(planReconnect(healthy, 4, 1000, top)).toEqual({ failures: 0, delayMs: 1000 });
    const delivered = { kind: 'stream-ended', openMs: 5, events: 1 } as const;
    expect(planReconnect(delivered, 2, 1000, top).failures).toBe(0);
  });

  it('counts a stream that closes at once without an event as a failure, so the wait grows', () => {
    const instant = { kind: 'stream-ended', openMs: 3, events: 0 } as const;
    let failures = 0;
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const plan = planReconnect(instant, failures, null, top);
      expect(plan.failures).toBe(failures + 1);
      failures = plan.failures;
      delays.push(plan.delayMs);
    }
    expect(delays[0]).toBe(3000); // never below the reconnection time
    expect(delays.at(-1)).toBeGreaterThan(4 * 60 * 1000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
  });

  it('waits at least what Retry-After asked for, never more than an hour', () => {
    const failed = (retryAfterMs: number | null) => ({ kind: 'failed', retryAfterMs }) as const;
    expect(planReconnect(failed(120_000), 0, null, top).delayMs).toBe(120_000);
    expect(planReconnect(failed(null), 0, 3_600_000, top).delayMs).toBe(3_600_000);
    expect(planReconnect(failed(RETRY_AFTER_MAX_MS), 50, RETRY_MAX_MS, top).delayMs).toBeLessThanOrEqual(
      RETRY_MAX_MS,
    );
  });
});

describe('RequestPacer', () => {
  it('lets a few requests through at once, then about one a second however often it is asked', () => {
    const pacer = new RequestPacer();
    const sent: number[] = [];
    let now = 1_000_000;
    for (let i = 0; i < 50; i++) {
      now = pacer.earliest(now); // a caller that asks again the moment it may
      pacer.take(now);
      sent.push(now);
    }
    expect(sent.slice(0, 3)).toEqual([1_000_000, 1_000_000, 1_000_000]);
    expect(sent.at(-1)! - sent[0]!).toBeGreaterThanOrEqual(47 * 1000);
    for (let i = 3; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(1000);
  });

  it('refills while idle, up to its capacity', () => {
    const pacer = new RequestPacer(3, 1000);
    for (let i = 0; i < 3; i++) pacer.take(0);
    expect(pacer.earliest(0)).toBe(1000);
    expect(pacer.earliest(60_000)).toBe(60_000);
    for (let i = 0; i < 3; i++) pacer.take(60_000);
    expect(pacer.earliest(60_000)).toBe(61_000);
  });
});

describe('Retry-After', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('reads delta-seconds and HTTP dates, capped at an hour', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('999999999999999999999', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 86_400_000).toUTCString(), now)).toBe(RETRY_AFTER_MAX_MS);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, '', 'soon', '-5', '1.5', '12abc'])
      expect(parseRetryAfter(value, now)).toBeNull();
  });

  it('says the wait in words', () => {
    expect(formatWait(45_000)).toBe('45 s');
    expect(formatWait(120_000)).toBe('2 min');
    expect(formatWait(3_600_000)).toBe('1 h');
  });
});

describe('timers', () => {
  it('hold every delay in the range a timer can take', () => {
    expect(timerDelay(1e12)).toBe(MAX_TIMER_MS);
    expect(timerDelay(-5)).toBe(0);
    expect(timerDelay(Number.NaN)).toBe(0);
    expect(timerDelay(Infinity)).toBe(MAX_TIMER_MS);
  });

  it('systemClock clamps an absurd delay instead of firing it after 1 ms (no TimeoutOverflowWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      let fired = false;
      const handle = systemClock.setTimeout(() => (fired = true), 1e12);
      await new Promise((resolve) => setTimeout(resolve, 20));
      systemClock.clearTimeout(handle);
      expect(fired).toBe(false);
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
