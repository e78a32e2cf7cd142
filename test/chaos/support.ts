/** Shared pieces of the reliability suite: reading committed events back, heap figures, error traps. */

/** The committed part of an event's data (see chaos-server.ts), or null for anything else. */
export function committedSeq(data: string, feedId: string): number | null {
  if (!data.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(data) as { feed?: unknown; seq?: unknown };
    return parsed.feed === feedId && Number.isInteger(parsed.seq) ? (parsed.seq as number) : null;
  } catch {
    return null;
  }
}

/** Describes how `seqs` differs from exactly 1..n in order, or returns null when it matches. */
export function describeMismatch(seqs: readonly number[], n: number): string | null {
  const problems: string[] = [];
  const seen = new Set<number>();
  let previous = 0;
  for (const seq of seqs) {
    if (seen.has(seq)) problems.push(`duplicate ${seq}`);
    else if (seq < previous) problems.push(`${seq} after ${previous}`);
    seen.add(seq);
    previous = Math.max(previous, seq);
    if (problems.length >= 5) break;
  }
  const missing: number[] = [];
  for (let seq = 1; seq <= n && missing.length < 5; seq++) if (!seen.has(seq)) missing.push(seq);
  if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);
  const extra = seqs.filter((seq) => seq > n);
  if (extra.length > 0) problems.push(`beyond ${n}: ${extra.slice(0, 5).join(', ')}`);
  return problems.length > 0 ? problems.join('; ') : null;
}

/** Heap in use after a full collection (when --expose-gc is on; otherwise as it stands). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Collects unhandled rejections and uncaught exceptions in this process until `stop()`. */
export function trapProcessErrors(): { errors: string[]; stop(): void } {
  const errors: string[] = [];
  const onRejection = (reason: unknown) => errors.push(`unhandledRejection: ${String(reason)}`);
  const onException = (error: Error) => errors.push(`uncaughtException: ${error.stack ?? error.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    errors,
    stop: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
