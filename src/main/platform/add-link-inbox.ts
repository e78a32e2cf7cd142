import type { AddLink } from '../../shared/add-link.ts';

/**
 * `feedtray://add` links reach the app from argv on first start, `second-instance` (Windows, Linux) and
 * `open-url` (macOS, possibly before the app is ready): held until the core runs, then handed over as
 * they come. Only ever an offer: the window opens the editor and the user decides.
 */
export class AddLinkInbox {
  #held: AddLink | null;
  #deliver: ((link: AddLink) => void) | null = null;
  /** Whether a link has been handed over (the window then shows). */
  delivered = false;

  constructor(first: AddLink | null) {
    this.#held = first;
  }

  /** A link from the OS (null when the text was not one: ignored). */
  receive(link: AddLink | null): void {
    if (link === null) return;
    if (this.#deliver) this.#hand(link);
    else this.#held = link; // the newest link wins
  }

  /** The core is running: hand over the held link and every later one. */
  deliverTo(deliver: (link: AddLink) => void): void {
    this.#deliver = deliver;
    const held = this.#held;
    this.#held = null;
    if (held) this.#hand(held);
  }

  #hand(link: AddLink): void {
    this.delivered = true;
    this.#deliver?.(link);
  }
}
