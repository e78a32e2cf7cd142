import type { FeedReason } from '../../shared/feed.ts';
import { reason } from '../feeds/reasons.ts';

/**
 * Why every feed is held, if at all: the user's pause wins over the network being offline (so the
 * status says "Paused", and coming back online does not resume what the user paused).
 */
export class PauseState {
  #userPaused = false;
  #offline = false;

  get userPaused(): boolean {
    return this.#userPaused;
  }

  /** Returns whether anything changed. */
  setUserPaused(paused: boolean): boolean {
    const changed = this.#userPaused !== paused;
    this.#userPaused = paused;
    return changed;
  }

  /** Returns whether anything changed. */
  setOnline(online: boolean): boolean {
    const changed = this.#offline === online;
    this.#offline = !online;
    return changed;
  }

  /** The reason feeds are held now, or null when they should run. */
  holdReason(): FeedReason | null {
    if (this.#userPaused) return reason('paused', 'Paused');
    if (this.#offline) return reason('offline', 'Offline: waiting for the network');
    return null;
  }
}
