/**
 * The page side of the window benchmark, serialized into Chromium as an init script (it may use nothing
 * from this module's scope): a stand-in `window.feedtray` that answers the window's start-up requests,
 * an event source that pushes `push:events` batches every 20 ms as main's batcher does, and the probes
 * (frames, long tasks, push-to-DOM latency). The app page and the naive page get exactly the same.
 */

/** Canned answers for the requests the window makes while loading. */
export interface BenchPageSetup {
  responses: Record<string, unknown>;
  feedId: string;
}

/** What a run measured inside the page. */
export interface PageProbe {
  frames: number;
  longTasks: number;
  events: number;
  latenciesMs: number[];
}

/** The few DOM names the probes use (the bench compiles without the DOM library). */
interface NodeLike {
  dataset?: Record<string, string | undefined>;
}
interface PageWorld {
  requestAnimationFrame(callback: () => void): number;
  addEventListener(type: string, callback: () => void): void;
  document: { documentElement: NodeLike | null };
  PerformanceObserver: new (callback: (list: { getEntries(): unknown[] }) => void) => {
    observe(options: { type: string }): void;
  };
  MutationObserver: new (
    callback: (
      records: {
        type: string;
        target: NodeLike;
        addedNodes: { forEach(fn: (node: NodeLike) => void): void };
      }[],
    ) => void,
  ) => { observe(target: NodeLike, options: object): void };
}

/** Installs the stand-in API and `window.__bench` ({ start(rate), stop() → PageProbe }). */
export function installBenchPage(setup: BenchPageSetup): void {
  type Listener = (payload: unknown) => void;
  const page = globalThis as unknown as Record<string, unknown>;
  const world = globalThis as unknown as PageWorld;
  const listeners = new Map<string, Set<Listener>>();
  const push = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  Object.defineProperty(page, 'feedtray', {
    value: Object.freeze({
      invoke: (channel: string) =>
        Promise.resolve(
          channel in setup.responses
            ? { ok: true, value: setup.responses[channel] }
            : { ok: false, error: { code: 'internal', message: `bench: no ${channel}` } },
        ),
      on: (channel: string, listener: Listener) => {
        let set = listeners.get(channel);
        if (!set) listeners.set(channel, (set = new Set()));
        set.add(listener);
        return () => void set.delete(listener);
      },
    }),
    enumerable: true,
  });

  let timer: ReturnType<typeof setInterval> | undefined;
  let seq = 0;
  let probe: PageProbe = { frames: 0, longTasks: 0, events: 0, latenciesMs: [] };
  const pushedAt = new Map<string, number>();
  let counting = false;
  // One loop for the page's life, counting only while a run measures (a restarted loop would count twice).
  const countFrame = () => {
    if (counting) probe.frames += 1;
    world.requestAnimationFrame(countFrame);
  };
  world.requestAnimationFrame(countFrame);
  new world.PerformanceObserver((list) => {
    if (counting) probe.longTasks += list.getEntries().length;
  }).observe({ type: 'longtask' });
  // A batch's newest event reaching the DOM (as a row's data-key) ends its latency.
  const seen = (node: NodeLike) => {
    const key = node.dataset?.key;
    if (!key) return;
    const at = pushedAt.get(key);
    if (at === undefined) return;
    pushedAt.delete(key);
    if (counting) probe.latenciesMs.push(performance.now() - at);
  };
  const startObserving = () =>
    new world.MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') seen(record.target);
        else record.addedNodes.forEach(seen);
      }
    }).observe(world.document.documentElement!, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-key'],
    });
  if (world.document.documentElement) startObserving();
  else world.addEventListener('DOMContentLoaded', startObserving);

  page.__bench = {
    start(ratePerS: number) {
      probe = { frames: 0, longTasks: 0, events: 0, latenciesMs: [] };
      counting = true;
      let owed = 0;
      let last = performance.now();
      timer = setInterval(() => {
        const now = performance.now();
        owed += ((now - last) * ratePerS) / 1000;
        last = now;
        const count = Math.floor(owed);
        if (count === 0) return;
        owed -= count;
        const batch = [];
        for (let index = 0; index < count; index += 1) {
          seq += 1;
          batch.push({
            feedId: setup.feedId,
            type: 'message',
            id: String(seq),
            key: `${setup.feedId}:${seq}`,
            data: `{"title":"Tick ${seq}","pair":"USD/CNY","rate":${7 + (seq % 100) / 1000}}`,
            receivedAt: Date.now(),
            title: `Tick ${seq}`,
            body: `USD/CNY ${7 + (seq % 100) / 1000}`,
            link: null,
            value: 7 + (seq % 100) / 1000,
          });
        }
        probe.events += count;
        pushedAt.clear();
        pushedAt.set(batch.at(-1)!.key, performance.now());
        push('push:events', batch);
      }, 20);
    },
    stop(): PageProbe {
      counting = false;
      clearInterval(timer);
      return probe;
    },
  };
}

/**
 * The naive window the brief compares against: a capped `<ul>` that prepends one `<li>` per event as
 * each batch arrives, formatting the time with `toLocaleTimeString`, no virtualization, no frame logic.
 */
export const NAIVE_PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>naive</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px system-ui, sans-serif; }
  ul { margin: 0; padding: 0; height: 100%; overflow: auto; list-style: none; }
  li { height: 56px; box-sizing: border-box; padding: 8px; border-bottom: 1px solid #ddd; white-space: nowrap; overflow: hidden; }
</style></head>
<body><ul id="list"></ul>
<script>
  const CAP = 100;
  const list = document.getElementById('list');
  window.feedtray.on('push:events', (batch) => {
    for (const event of batch) {
      const li = document.createElement('li');
      li.dataset.key = event.key;
      li.textContent = new Date(event.receivedAt).toLocaleTimeString('en-US', { hour12: false }) +
        '  Bench  ' + event.title + ' — ' + event.body;
      list.prepend(li);
    }
    while (list.childElementCount > CAP) list.lastElementChild.remove();
  });
</script></body></html>`;
