import { describe, expect, it } from 'vitest';
import { nextAlert } from '../../src/demo/alerts.ts';
import { NewsDeck } from '../../src/demo/news.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { quoteDecimals, RATE_BASES, RateBoard } from '../../src/demo/rates.ts';

const decimals = (value: number): number => (String(value).split('.')[1] ?? '').length;

describe('demo content', () => {
  it('keeps every rate finite, positive, within 3% of its base and rounded to its quote decimals', () => {
    const board = new RateBoard(seededRandom(1));
    const totals = new Map<string, number>();
    for (let tick = 0; tick < 5000; tick++) {
      for (const quote of board.tick(new Date(0))) {
        const base = RATE_BASES[quote.pair]!;
        expect(Number.isFinite(quote.rate)).toBe(true);
        expect(quote.rate).toBeGreaterThan(0);
        expect(Math.abs(quote.rate - base)).toBeLessThanOrEqual(base * 0.03 + 0.0001);
        expect(decimals(quote.rate)).toBeLessThanOrEqual(quoteDecimals(base));
        expect(decimals(quote.change)).toBeLessThanOrEqual(quoteDecimals(base));
        totals.set(quote.pair, (totals.get(quote.pair) ?? base) + quote.change);
        // Changes add up to the quoted rate, because both are taken from rounded quotes.
        expect(totals.get(quote.pair)).toBeCloseTo(quote.rate, 6);
      }
    }
  });

  it('actually moves the rates rather than standing still', () => {
    const board = new RateBoard(seededRandom(2));
    const first = board.tick(new Date(0));
    let later = first;
    for (let tick = 0; tick < 100; tick++) later = board.tick(new Date(0));
    for (const [index, quote] of first.entries()) expect(later[index]!.pair).toBe(quote.pair);
    expect(later.some((quote, index) => quote.rate !== first[index]!.rate)).toBe(true);
  });

  it('deals every headline once before repeating any', () => {
    const deck = new NewsDeck(seededRandom(3));
    const titles: string[] = [];
    for (let id = 1; id <= 200; id++) titles.push(deck.next(id).title);
    const distinct = new Set(titles).size;
    expect(distinct).toBeGreaterThanOrEqual(20);
    expect(new Set(titles.slice(0, distinct)).size).toBe(distinct);
  });

  it('produces the same content for the same seed and different content for another', () => {
    const headlines = (seed: number) => {
      const deck = new NewsDeck(seededRandom(seed));
      return Array.from({ length: 10 }, (_, i) => deck.next(i + 1).title);
    };
    const alerts = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 10 }, () => nextAlert(random));
    };
    expect(headlines(42)).toEqual(headlines(42));
    expect(alerts(42)).toEqual(alerts(42));
    expect(headlines(42)).not.toEqual(headlines(43));
  });

  it('raises mostly info alerts, fewer warnings and a few critical ones', () => {
    const random = seededRandom(4);
    const counts = { info: 0, warning: 0, critical: 0 };
    for (let i = 0; i < 10_000; i++) counts[nextAlert(random).severity]++;
    expect(counts.info).toBeGreaterThan(counts.warning);
    expect(counts.warning).toBeGreaterThan(counts.critical);
    expect(counts.critical).toBeGreaterThan(0);
  });
});
