import type { ElectronDeps } from './deps.ts';

/** What the OS tells the feeds: wake-ups and the network coming and going. */
export interface OsEventTarget {
  reconnectAll(): void;
  setOnline(online: boolean): void;
}

/** How often the network is polled: Electron's main process has no online/offline event. */
export const ONLINE_POLL_MS = 3000;

/**
 * Resume from sleep reconnects every feed now (sockets from before the sleep are usually dead but do
 * not know it yet). The network state is polled with `net.isOnline()`, and checked again on resume;
 * going offline pauses retries, coming back resumes them. Returns the function that stops watching.
 */
export function watchOs(
  deps: Pick<ElectronDeps, 'powerMonitor' | 'net'>,
  target: OsEventTarget,
  pollMs = ONLINE_POLL_MS,
): () => void {
  let stopped = false;
  let online = deps.net.isOnline();
  target.setOnline(online);
  const check = () => {
    if (stopped) return;
    const now = deps.net.isOnline();
    if (now === online) return;
    online = now;
    target.setOnline(online);
  };
  deps.powerMonitor.on('resume', () => {
    if (stopped) return;
    check();
    target.reconnectAll();
  });
  // Suspend needs nothing: the stall watchdog and resume handle whatever the sleep broke.
  const timer = setInterval(check, pollMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
