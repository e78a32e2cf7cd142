/** The three demo feeds and the timers that feed them; no HTTP here, only content and history. */

import { AlertDesk } from './alert-desk.ts';
import { FeedChannel } from './feed-channel.ts';
import { NewsDeck } from './news.ts';
import { seededRandom } from './random.ts';
import { RATE_BASES, RateBoard } from './rates.ts';

/** The demo feed names, which are also their URL paths. */
export const DEMO_FEED_NAMES = ['news', 'alerts', 'rates'] as const;
/** One of the demo feeds. */
export type DemoFeedName = (typeof DEMO_FEED_NAMES)[number];

/** How many recent news items or alerts a first-time client gets, so the UI is not empty. */
const BACKLOG_ITEMS = 5;

/** Timing and history settings the feeds need. */
export interface DemoFeedSetOptions {
  tickMs: number;
  newsEveryMs: number;
  alertsEveryMs: number;
  seed: number;
  historySize: number;
  firstId: number;
}

/**
 * Generates events on its own timers, once for all clients. Each feed has its own random stream, so one
 * feed's content does not depend on how the others' timers happened to interleave.
 */
export class DemoFeedSet {
  readonly #channels: Record<DemoFeedName, FeedChannel>;
  readonly #timers: ReturnType<typeof setInterval>[] = [];
  readonly #options: DemoFeedSetOptions;
  readonly #news: NewsDeck;
  readonly #alerts: AlertDesk;
  readonly #rates: RateBoard;

  constructor(options: DemoFeedSetOptions) {
    this.#options = options;
    const { historySize, firstId } = options;
    this.#channels = {
      news: new FeedChannel({ historySize, backlogSize: BACKLOG_ITEMS, firstId }),
      alerts: new FeedChannel({ historySize, backlogSize: BACKLOG_ITEMS, firstId }),
      // One tick's worth: a quote for every pair.
      rates: new FeedChannel({ historySize, backlogSize: Object.keys(RATE_BASES).length, firstId }),
    };
    this.#news = new NewsDeck(seededRandom(options.seed));
    this.#alerts = new AlertDesk(seededRandom(options.seed + 1));
    this.#rates = new RateBoard(seededRandom(options.seed + 2));
  }

  /** The channel behind one feed. */
  channel(name: DemoFeedName): FeedChannel {
    return this.#channels[name];
  }

  /** Fills each feed with a short backlog, then starts the timers. */
  start(): void {
    for (let i = 0; i < BACKLOG_ITEMS; i++) {
      this.#publishNews();
      this.#publishAlert();
    }
    this.#publishRates();
    // The timers stay ref'd on purpose: a stop() that forgot one would then hang the process,
    // which tests catch, instead of leaking silently.
    this.#timers.push(
      setInterval(() => this.#publishNews(), this.#options.newsEveryMs),
      setInterval(() => this.#publishAlert(), this.#options.alertsEveryMs),
      setInterval(() => this.#publishRates(), this.#options.tickMs),
    );
  }

  /** Acknowledges an alert id the alerts feed has sent (`POST /alerts/{id}/ack`); false for an unknown one. */
  acknowledge(alertId: string): boolean {
    return this.#alerts.acknowledge(alertId);
  }

  /** Stops every timer; history stays readable. */
  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
  }

  #publishNews(): void {
    this.#channels.news.publish((id) => ({ data: JSON.stringify(this.#news.next(id)) }));
  }

  #publishAlert(): void {
    const alert = this.#alerts.next();
    // [spec] the `event` field names the type, so clients can listen for one severity only.
    this.#channels.alerts.publish(() => ({ event: alert.severity, data: JSON.stringify(alert) }));
  }

  #publishRates(): void {
    for (const quote of this.#rates.tick(new Date()))
      this.#channels.rates.publish(() => ({ data: JSON.stringify(quote) }));
  }
}
