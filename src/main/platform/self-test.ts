import type { FeedTrayCore } from '../core/index.ts';
import type { ElectronNotifier } from './electron-notifier.ts';
import type { Host } from './host.ts';
import type { MainWindow } from './main-window.ts';

/** The one JSON line `--self-test` prints. */
export interface SelfTestReport {
  ok: boolean;
  electron: string;
  node: string;
  platform: string;
  feedsOpen: number;
  events: number;
  notificationShown: boolean;
  rendererRoundTripMs: number | null;
  /** One event written to history.db and read back through search (proves node:sqlite and FTS5 load). */
  historyDatabase: { sqlite: string; persistent: boolean; roundTripMs: number } | null;
  steps: string[];
  /** The step that failed, in plain words with the reason. */
  failed?: string;
}

/** The self-test's flag on the command line. */
export const SELF_TEST_ARG = '--self-test';
/** The whole run, start to report, is bounded by this. */
export const SELF_TEST_LIMIT_MS = 60_000;
/** Events that must pass the pipeline before the feeds count as working. */
export const SELF_TEST_MIN_EVENTS = 20;
const NOTIFICATION_CONFIRM_MS = 5000;
const POLL_MS = 50;

/**
 * Collects steps and settles the report exactly once: on success, on the first failure, or when the
 * time limit passes (naming what it was waiting for).
 */
export class SelfTestRecorder {
  readonly #values: Omit<SelfTestReport, 'ok' | 'failed' | 'steps'>;
  readonly #steps: string[] = [];
  readonly #deadline: number;
  readonly #timer: ReturnType<typeof setTimeout>;
  #doing = 'starting the app';
  #settle!: (report: SelfTestReport) => void;
  #settled = false;
  /** Settles once with the report. */
  readonly report: Promise<SelfTestReport>;

  constructor(host: Pick<Host, 'platform' | 'versions'>, limitMs = SELF_TEST_LIMIT_MS) {
    this.#values = {
      electron: host.versions.electron,
      node: host.versions.node,
      platform: host.platform,
      feedsOpen: 0,
      events: 0,
      notificationShown: false,
      rendererRoundTripMs: null,
      historyDatabase: null,
    };
    this.report = new Promise((resolve) => (this.#settle = resolve));
    this.#deadline = Date.now() + limitMs;
    this.#timer = setTimeout(
      () => this.fail(`timed out after ${limitMs / 1000} s while ${this.#doing}`),
      limitMs,
    );
  }

  /** What the run waits for now, for a timeout's message. */
  doing(what: string): void {
    this.#doing = what;
  }

  passed(step: string): void {
    this.#steps.push(step);
  }

  set(values: Partial<Omit<SelfTestReport, 'ok' | 'failed' | 'steps'>>): void {
    Object.assign(this.#values, values);
  }

  remainingMs(): number {
    return Math.max(0, this.#deadline - Date.now());
  }

  get settled(): boolean {
    return this.#settled;
  }

  fail(failed: string): void {
    this.#finish({ ok: false, ...this.#values, steps: [...this.#steps], failed });
  }

  succeed(): void {
    this.#finish({ ok: true, ...this.#values, steps: [...this.#steps] });
  }

  #finish(report: SelfTestReport): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#settle(report);
  }
}

/** What the checks look at: the running app's parts. */
export interface SelfTestSubject {
  core: FeedTrayCore;
  window: MainWindow;
  notifier: ElectronNotifier;
}

/**
 * The checks after start, on the app's normal code path: demo feeds added in-process, every feed open
 * with events through the pipeline, the renderer loaded, one notification, one IPC round trip through
 * the real preload. Settles `recorder`.
 */
export async function runSelfTestChecks(recorder: SelfTestRecorder, subject: SelfTestSubject): Promise<void> {
  const { core, window, notifier } = subject;

  recorder.doing('adding the demo feeds');
  const added = await core.addDemoFeeds();
  if (!added.ok) return recorder.fail(`demo feeds could not be added: ${added.error.message}`);
  recorder.passed(`demo feeds added: ${core.statuses().length}`);

  recorder.doing('waiting for the renderer to load');
  const loaded = await window.loaded();
  if (!loaded.ok) return recorder.fail(`renderer did not load: ${loaded.reason}`);
  recorder.passed('renderer loaded');

  recorder.doing(`waiting for every feed to open and ${SELF_TEST_MIN_EVENTS} events`);
  const flowing = () => {
    const statuses = core.statuses();
    recorder.set({
      feedsOpen: statuses.filter((s) => s.state === 'open').length,
      events: core.eventsDelivered,
    });
    return (
      statuses.length > 0 &&
      statuses.every((s) => s.state === 'open') &&
      core.eventsDelivered >= SELF_TEST_MIN_EVENTS
    );
  };
  if (!(await waitUntil(flowing, recorder.remainingMs()))) {
    const stuck = core.statuses().filter((s) => s.state !== 'open');
    return recorder.fail(
      stuck.length > 0
        ? `feeds did not open: ${stuck.map((s) => `${s.feedId}: ${s.reason.message}`).join('; ')}`
        : `only ${core.eventsDelivered} of ${SELF_TEST_MIN_EVENTS} events passed the pipeline`,
    );
  }
  recorder.passed(`feeds open: ${core.statuses().length}, events: ${core.eventsDelivered}`);

  recorder.doing('writing an event to the history database and reading it back');
  const checked = await core.probeHistory();
  if (!checked.ok) return recorder.fail(`history database failed: ${checked.reason}`);
  recorder.set({ historyDatabase: checked.value });
  recorder.passed(
    `history database: SQLite ${checked.value.sqlite}, read back in ${checked.value.roundTripMs} ms`,
  );

  recorder.doing('showing a notification');
  if (notifier.isSupported()) {
    const outcome = await notifier.showAndWatch(
      {
        title: 'FeedTray self-test',
        body: 'Notifications work.',
        feedId: '',
        eventKey: null,
        link: null,
        severity: 3,
        urgency: 'normal',
        sticky: false,
        sound: 'os',
      },
      Math.min(NOTIFICATION_CONFIRM_MS, recorder.remainingMs()),
    );
    if (!outcome.shown) return recorder.fail(`notification was not shown: ${outcome.reason}`);
    recorder.set({ notificationShown: true });
    recorder.passed('notification shown');
  } else {
    recorder.passed('notification skipped: not supported on this system');
  }

  recorder.doing('making an IPC round trip from the renderer');
  const contents = window.webContents;
  if (!contents) return recorder.fail('IPC round trip failed: the window is gone');
  const started = Date.now();
  try {
    const result: unknown = await contents.executeJavaScript(
      'window.feedtray.invoke("app:ping", { sentAt: Date.now() })',
    );
    const roundTripMs = Date.now() - started;
    if (!isPingResult(result))
      return recorder.fail(`IPC round trip failed: unexpected answer ${JSON.stringify(result)}`);
    recorder.set({ rendererRoundTripMs: roundTripMs });
    recorder.passed(`IPC round trip through the preload: ${roundTripMs} ms`);
  } catch (error) {
    return recorder.fail(`IPC round trip failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  recorder.set({ events: core.eventsDelivered });
  recorder.succeed();
}

function isPingResult(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('ok' in value) || value.ok !== true) return false;
  const answer = (value as { value?: { sentAt?: unknown; receivedAt?: unknown } }).value;
  return typeof answer?.sentAt === 'number' && typeof answer.receivedAt === 'number';
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}
