/** The window of recent values a `changesBy` condition compares against, per series. */

/** Values one `changesBy` window keeps, however many arrive within its minutes. */
export const WINDOW_MAX_POINTS = 10_000;

interface Point {
  t: number;
  v: number;
}

/**
 * The values of the last `span` ms, with their minimum and maximum kept in monotonic queues (amortised
 * O(1) per value). After it fires it starts again from the value that fired, so one move fires once.
 */
export class MovingWindow {
  #min: Point[] = [];
  #minHead = 0;
  #max: Point[] = [];
  #maxHead = 0;
  #lastT = -Infinity;

  /** Adds a value; true when it moved by the condition's amount from the window's extreme. */
  offer(
    at: number,
    value: number,
    spanMs: number,
    rule: { amount: number; unit: 'percent' | 'units'; direction: 'any' | 'up' | 'down' },
  ): boolean {
    // A clock stepping back must not make old values look new.
    const t = Math.max(at, this.#lastT);
    this.#lastT = t;
    this.#evict(t - spanMs);
    const low = this.#min[this.#minHead];
    const high = this.#max[this.#maxHead];
    const rose = low !== undefined && moved(value - low.v, low.v, rule);
    const fell = high !== undefined && moved(high.v - value, high.v, rule);
    const fired = rule.direction === 'up' ? rose : rule.direction === 'down' ? fell : rose || fell;
    if (fired) this.#clear();
    this.#push({ t, v: value });
    return fired;
  }

  #push(point: Point): void {
    while (this.#min.length > this.#minHead && this.#min[this.#min.length - 1]!.v >= point.v) this.#min.pop();
    this.#min.push(point);
    while (this.#max.length > this.#maxHead && this.#max[this.#max.length - 1]!.v <= point.v) this.#max.pop();
    this.#max.push(point);
    // Bounded however many values arrive within the minutes: the oldest extremes give way first.
    if (this.#min.length - this.#minHead > WINDOW_MAX_POINTS) this.#minHead++;
    if (this.#max.length - this.#maxHead > WINDOW_MAX_POINTS) this.#maxHead++;
  }

  #evict(cutoff: number): void {
    while (this.#minHead < this.#min.length && this.#min[this.#minHead]!.t < cutoff) this.#minHead++;
    while (this.#maxHead < this.#max.length && this.#max[this.#maxHead]!.t < cutoff) this.#maxHead++;
    // Compact now and then so the arrays do not grow with the heads.
    if (this.#minHead > 1024 && this.#minHead * 2 > this.#min.length) {
      this.#min = this.#min.slice(this.#minHead);
      this.#minHead = 0;
    }
    if (this.#maxHead > 1024 && this.#maxHead * 2 > this.#max.length) {
      this.#max = this.#max.slice(this.#maxHead);
      this.#maxHead = 0;
    }
  }

  /** Starts over, after firing. */
  #clear(): void {
    this.#min = [];
    this.#max = [];
    this.#minHead = 0;
    this.#maxHead = 0;
  }
}

/** Whether `delta` (≥ 0 in the watched direction) reaches the amount, in units or % of `from`. */
function moved(delta: number, from: number, rule: { amount: number; unit: 'percent' | 'units' }): boolean {
  if (delta <= 0) return false;
  // Decimal steps in binary (7.7 - 7.2 = 0.4999…) must still count as the amount they are.
  const reach = rule.amount * (1 - 1e-9);
  if (rule.unit === 'units') return delta >= reach;
  if (from === 0) return false; // a move from 0 has no percentage
  return (delta / Math.abs(from)) * 100 >= reach;
}
