/** A small seeded pseudo-random generator, so the demo feeds say the same things on every run. */

/** A source of numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** The seed used when none is given: any fixed value keeps runs reproducible. */
export const DEFAULT_SEED = 20_240_601;

/**
 * mulberry32: 32 bits of state, good enough spread for picking headlines and walking rates,
 * and trivially reproducible from the seed (which `Math.random` is not).
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One element of a non-empty list, picked uniformly. */
export function pick<T>(random: Random, items: readonly [T, ...T[]]): T {
  return items[Math.floor(random() * items.length)] ?? items[0];
}
