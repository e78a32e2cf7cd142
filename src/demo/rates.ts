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
/**
 * The walk has momentum: each tick nudges a rate's velocity (KICK), a spring pulls the velocity back
 * toward the base (PULL) and friction slows it (DAMPING); a little JITTER rides on top. A plain noisy
 * walk crosses a level many times in a few seconds whenever it is near it, so a crossing rule would
 * flap; this one trends for tens of seconds, so its base is crossed about once a minute (at one tick a
 * second; measured in test/demo/content.test.ts) and rarely twice within ten seconds. Fractions of the base.
 */
const KICK = 0.00004;
const PULL = 0.0015;
const DAMPING = 0.05;
const JITTER = 0.00001;

/** The demo's crossing rule: USD/CNY crossing its base, which its walk does about once a minute. */
export const DEMO_CROSSING = { pair: 'USD/CNY', level: RATE_BASES['USD/CNY']! } as const;

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
  /** How far each pair moves per tick right now, before this tick's jitter. */
  readonly #velocities = new Map<string, number>();
  readonly #quoted = new Map<string, number>();

  constructor(random: Random) {
    this.#random = random;
    for (const [pair, base] of Object.entries(RATE_BASES)) {
      this.#levels.set(pair, base);
      this.#velocities.set(pair, 0);
      this.#quoted.set(pair, roundTo(base, quoteDecimals(base)));
    }
  }

  /** Moves every pair one step and returns one quote per pair, all stamped with `at`. */
  tick(at: Date): RateQuote[] {
    const quotes: RateQuote[] = [];
    for (const [pair, base] of Object.entries(RATE_BASES)) {
      const next = this.#step(pair, base);
      const rate = roundTo(next, quoteDecimals(base));
      const change = roundTo(rate - this.#quoted.get(pair)!, quoteDecimals(base));
      this.#quoted.set(pair, rate);
      // `|| 0` turns -0 into 0, which reads better in a change column.
      quotes.push({ pair, rate, change: change || 0, at: at.toISOString() });
    }
    return quotes;
  }

  /** One tick of one pair's walk; returns its new unrounded level. */
  #step(pair: string, base: number): number {
    const level = this.#levels.get(pair)!;
    const kick = base * KICK * (this.#random() * 2 - 1);
    const velocity = this.#velocities.get(pair)! * (1 - DAMPING) + kick + (base - level) * PULL;
    const moved = level + velocity + base * JITTER * (this.#random() * 2 - 1);
    // The bounds sit 3% around a positive base, so the rate stays finite and positive; a rate that
    // hits one stops there rather than pressing on against it.
    const next = Math.min(base * (1 + MAX_DRIFT), Math.max(base * (1 - MAX_DRIFT), moved));
    this.#velocities.set(pair, next === moved ? velocity : 0);
    this.#levels.set(pair, next);
    return next;
  }
}
