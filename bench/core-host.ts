import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type FeedTrayCore, type NotificationRequest } from '../src/main/core/index.ts';
import { systemClock } from '../src/main/ports.ts';
import type { SecretBox } from '../src/main/settings/secret-box.ts';
import type { PushPayloads } from '../src/shared/ipc.ts';

/** The benchmarks send no secret headers, so there is nothing to encrypt. */
const noSecrets: SecretBox = {
  backend: 'none (bench)',
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('no secrets in benchmarks');
  },
  decrypt: () => {
    throw new Error('no secrets in benchmarks');
  },
};

/** The whole core as the app runs it (real clock, real jitter), with the OS and renderer replaced by counters. */
export interface BenchCore {
  core: FeedTrayCore;
  /** Every push message the renderer would receive, with the time it was sent (`performance.now()`). */
  pushes: { channel: keyof PushPayloads; payload: unknown; at: number }[];
  notifications: { notification: NotificationRequest; at: number }[];
  /** Called with each notification as it is handed to the notifier. */
  onNotify: ((notification: NotificationRequest, at: number) => void) | null;
  stop(): Promise<void>;
}

export async function startBenchCore(options: { recordPushes?: boolean } = {}): Promise<BenchCore> {
  const dir = await mkdtemp(join(tmpdir(), 'feedtray-bench-'));
  const host: BenchCore = {
    core: undefined as unknown as FeedTrayCore,
    pushes: [],
    notifications: [],
    onNotify: null,
    stop: async () => {
      await host.core.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  host.core = await startCore({
    userDataDir: dir,
    fetch: globalThis.fetch,
    clock: systemClock,
    secretBox: noSecrets,
    notifier: {
      isSupported: () => true,
      show: (notification) => {
        const at = performance.now();
        host.notifications.push({ notification, at });
        host.onNotify?.(notification, at);
      },
      close: () => undefined,
    },
    version: '0.0.0-bench',
    openExternal: () => Promise.resolve(),
    signIn: () => Promise.resolve(),
    demoPort: 0,
  });
  if (options.recordPushes !== false) {
    host.core.onPush((channel, payload) => host.pushes.push({ channel, payload, at: performance.now() }));
  }
  return host;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (nearest rank) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50 && sorted.length % 2 === 0) {
    const mid = sorted.length / 2;
    return (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Heap in use after two full collections. */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every millisecond until it holds; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(1);
  }
  return performance.now();
}
