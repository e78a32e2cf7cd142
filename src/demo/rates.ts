/** The demo rates feed's content: exchange rates that wander, but never far from reality. */

import type { Random } from './random.ts';

/** One rate tick as the `/rates` feed sends it (JSON in the event's data). */
export interface RateQuote {
  pair: string;
  rate: number;
  change: number;
  /** ISO 8601 time of the tick. */
  at: string;
}

/** The quoted pairs and the level each wanders around (roughly where they traded recently). */
export const RATE_BASES: Readonly<Record<string, number>> = {
  'USD/CNY': 7.18,
  'EUR/CNY': 7.82,
  'JPY/CNY': 0.0478,
  'GBP/CNY': 9.12,
  'HKD/CNY': 0.921,
};

/** How far a rate may stray from its base, as a fraction of the base. */
const MAX_DRIFT = 0.03;
/** The largest move in one tick, as a fraction of the base. */
const STEP = 0.0004;
/** How strongly a rate is pulled back toward its base each tick, so the walk does not pin to a bound. */
const REVERSION = 0.02;

/** Decimals a pair is quoted with: 4 as usual, 6 below 1 so JPY/CNY (0.0478) moves visibly on a chart. */
export const quoteDecimals = (base: number): number => (base < 1 ? 6 : 4);
const roundTo = (value: number, decimals: number): number =>
  Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * A bounded random walk per pair. Quotes are rounded (see `quoteDecimals`) and `change` is the difference
 * between rounded quotes, so a client adding up changes lands exactly on the quoted rate.
 */
export class RateBoard {
  readonly #random: Random;
  /** Unrounded level per pair, so rounding does not freeze small rates like JPY/CNY in place. */
  readonly #levels = new Map<string, number>();
  readonly #quoted = new Map<string, number>();

  constructor(random: Random) {
    this.#random = random;
    for (const [pair, base] of Object.entries(RATE_BASES)) {
      this.#levels.set(pair, base);
      this.#quoted.set(pair, roundTo(base, quoteDecimals(base)));
    }
  }

  /** Moves every pair one step and returns one quote per pair, all stamped with `at`. */
  tick(at: Date): RateQuote[] {
    const quotes: RateQuote[] = [];
    for (const [pair, base] of Object.entries(RATE_BASES)) {
      const level = this.#levels.get(pair)!;
      const moved = level + base * STEP * (this.#random() * 2 - 1) + (base - level) * REVERSION;
      // The bounds sit 3% around a positive base, so the rate stays finite and positive.
      const next = Math.min(base * (1 + MAX_DRIFT), Math.max(base * (1 - MAX_DRIFT), moved));
      this.#levels.set(pair, next);
      const rate = roundTo(next, quoteDecimals(base));
      const change = roundTo(rate - this.#quoted.get(pair)!, quoteDecimals(base));
      this.#quoted.set(pair, rate);
      // `|| 0` turns -0 into 0, which reads better in a change column.
      quotes.push({ pair, rate, change: change || 0, at: at.toISOString() });
    }
    return quotes;
  }
}
