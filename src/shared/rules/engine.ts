/**
 * Evaluates a feed's rules on each event, in arrival order. Stateless tests (equals, contains, matches,
 * >, <) look at one event; `crossesAbove`/`crossesBelow` remember the previous value and `changesBy` a
 * window of values, per series, per feed. Every stateful condition of every enabled rule observes every
 * event, whichever rule decides, so a crossing is never missed because another rule matched first.
 *
 * Pure apart from that state, and bounded: at most SERIES_PER_CONDITION series per condition and
 * WINDOW_MAX_POINTS values per window. Never throws on event data.
 */
import { resolvePointer } from '../presentation/json-pointer.ts';
import { finiteNumber } from '../presentation/normalize.ts';
import { patternMatches } from './regex.ts';
import type { Condition, ConditionGroup, Rule } from './schema.ts';

/** What rules look at in one event. */
export interface RuleSubject {
  receivedAt: number;
  title: string;
  body: string;
  /** The feed's mapped value (what charts plot), or null. */
  value: number | null;
  /** The chart series the value belongs to (the title), or null. */
  series: string | null;
  /** The parsed JSON data, or undefined when the data is not JSON. */
  doc: unknown;
}

/** The rule that decided an event. */
export interface RuleVerdict {
  /** Its place in the feed's list (0-based). */
  index: number;
  rule: Rule;
}

/** Series one stateful condition keeps apart (`/pair` values); the oldest is forgotten beyond it. */
export const SERIES_PER_CONDITION = 1000;
/** Values one `changesBy` window keeps, however many arrive within its minutes. */
export const WINDOW_MAX_POINTS = 10_000;
/** A series name's longest text. */
const SERIES_MAX_CHARS = 200;
/** A field's longest text that text tests read. */
const TEXT_MAX_CHARS = 64 * 1024;

type Test = (subject: RuleSubject, state: FeedState) => boolean;
interface CompiledGroup {
  any: boolean;
  /** Stateless tests first (cheap, may short-circuit), then stateful ones (always run). */
  stateless: Test[];
  stateful: Test[];
}
/** One feed's condition state: by condition (its place among identical ones, and its JSON), then by series. */
type FeedState = Map<string, Map<string, SeriesState>>;
type SeriesState = { prev: number } | MovingWindow;

/** Rules of every feed, with what stateful conditions remember. */
export class RuleEngine {
  readonly #state = new Map<string, FeedState>();
  readonly #compiled = new WeakMap<object, CompiledGroup[]>();

  /**
   * The first enabled rule of `rules` whose conditions hold for `subject`, or null. Every enabled
   * rule's stateful conditions observe the event either way.
   */
  evaluate(feedId: string, rules: readonly Rule[], subject: RuleSubject): RuleVerdict | null {
    if (rules.length === 0) return null;
    const groups = this.#compile(rules, rules, 'rule');
    const state = this.#feedState(feedId);
    let verdict: RuleVerdict | null = null;
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]!;
      if (!rule.enabled) continue;
      const holds = runGroup(groups[index]!, subject, state);
      if (holds && verdict === null) verdict = { index, rule };
    }
    return verdict;
  }

  /** Whether one group of conditions holds (an incident's "resolved when"); stateful ones observe too. */
  holds(feedId: string, group: ConditionGroup, subject: RuleSubject): boolean {
    const [compiled] = this.#compile(group, [group], 'group');
    return runGroup(compiled!, subject, this.#feedState(feedId));
  }

  /** Forgets a feed's state (removed, or its rules were replaced by a preview's fresh engine). */
  forget(feedId: string): void {
    this.#state.delete(feedId);
  }

  #feedState(feedId: string): FeedState {
    let state = this.#state.get(feedId);
    if (state === undefined) {
      state = new Map();
      this.#state.set(feedId, state);
    }
    return state;
  }

  /** Compiles groups once per settings object (a new settings load makes new objects). */
  #compile(owner: object, groups: readonly ConditionGroup[], scope: string): CompiledGroup[] {
    let compiled = this.#compiled.get(owner);
    if (compiled === undefined) {
      const stateId = stateIds(scope);
      compiled = groups.map((group) => compileGroup(group, stateId));
      this.#compiled.set(owner, compiled);
    }
    return compiled;
  }
}

function runGroup(group: CompiledGroup, subject: RuleSubject, state: FeedState): boolean {
  // Stateful tests observe the event whatever the others say.
  let stateful = group.any ? false : true;
  for (const test of group.stateful) {
    const result = test(subject, state);
    stateful = group.any ? stateful || result : stateful && result;
  }
  if (group.stateless.length === 0) return group.stateful.length === 0 ? true : stateful;
  if (group.any) {
    if (stateful && group.stateful.length > 0) return true;
    for (const test of group.stateless) if (test(subject, state)) return true;
    return false;
  }
  if (!stateful) return false;
  for (const test of group.stateless) if (!test(subject, state)) return false;
  return true;
}

function compileGroup(group: ConditionGroup, stateId: (condition: Condition) => string): CompiledGroup {
  const compiled: CompiledGroup = { any: group.match === 'any', stateless: [], stateful: [] };
  for (const condition of group.conditions) {
    const test = compileCondition(condition, stateId);
    if (isStateful(condition)) compiled.stateful.push(test);
    else compiled.stateless.push(test);
  }
  return compiled;
}

function isStateful(condition: Condition): boolean {
  return condition.op === 'crossesAbove' || condition.op === 'crossesBelow' || condition.op === 'changesBy';
}

/**
 * Names each stateful condition's memory: its JSON, so a settings reload (new objects, same rules) keeps
 * it, and how many identical conditions came before it in the same list. Identical conditions in two
 * rules (or a rule and a "resolved when") must not share one memory: the first to see an event would
 * record it, and the second would then find no crossing or a value counted twice.
 */
function stateIds(scope: string): (condition: Condition) => string {
  const seen = new Map<string, number>();
  return (condition) => {
    const json = JSON.stringify(condition);
    const earlier = seen.get(json) ?? 0;
    seen.set(json, earlier + 1);
    return `${scope}#${earlier}:${json}`;
  };
}

function compileCondition(condition: Condition, stateId: (condition: Condition) => string): Test {
  switch (condition.op) {
    case 'equals': {
      const { field, value } = condition;
      return (subject) => textOf(subject, field) === value;
    }
    case 'contains': {
      const { field } = condition;
      const needle = condition.value.toLowerCase();
      return (subject) => (textOf(subject, field) ?? '').toLowerCase().includes(needle);
    }
    case 'matches': {
      const { field, pattern } = condition;
      return (subject) => patternMatches(pattern, textOf(subject, field) ?? '');
    }
    case 'gt': {
      const { field, value } = condition;
      return (subject) => {
        const number = numberOf(subject, field);
        return number !== null && number > value;
      };
    }
    case 'lt': {
      const { field, value } = condition;
      return (subject) => {
        const number = numberOf(subject, field);
        return number !== null && number < value;
      };
    }
    case 'crossesAbove':
    case 'crossesBelow': {
      const { field, level, per } = condition;
      const above = condition.op === 'crossesAbove';
      const id = stateId(condition);
      return (subject, state) => {
        const number = numberOf(subject, field);
        if (number === null) return false;
        const series = seriesState(state, id, seriesOf(subject, field, per));
        const last = series.get();
        series.set({ prev: number });
        if (last === undefined || !('prev' in last)) return false;
        return above ? last.prev < level && number >= level : last.prev > level && number <= level;
      };
    }
    case 'changesBy': {
      const { field, per } = condition;
      const id = stateId(condition);
      const spanMs = condition.withinMin * 60_000;
      return (subject, state) => {
        const number = numberOf(subject, field);
        if (number === null) return false;
        const series = seriesState(state, id, seriesOf(subject, field, per));
        let window = series.get();
        if (!(window instanceof MovingWindow)) {
          window = new MovingWindow();
          series.set(window);
        }
        return window.offer(subject.receivedAt, number, spanMs, condition);
      };
    }
  }
}

/** One series' slot in a condition's state, created on first use, bounded per condition. */
function seriesState(
  state: FeedState,
  id: string,
  series: string,
): { get(): SeriesState | undefined; set(value: SeriesState): void } {
  let bySeries = state.get(id);
  if (bySeries === undefined) {
    bySeries = new Map();
    state.set(id, bySeries);
  }
  const map = bySeries;
  return {
    get: () => map.get(series),
    set: (value) => {
      if (!map.has(series) && map.size >= SERIES_PER_CONDITION) {
        const oldest = map.keys().next().value;
        if (oldest !== undefined) map.delete(oldest);
      }
      map.set(series, value);
    },
  };
}

/** The event's text at `field`: title and body for `''`, else the pointer's value as text. */
function textOf(subject: RuleSubject, field: string): string | null {
  if (field === '') return `${subject.title}\n${subject.body}`;
  const found = pointerValue(subject, field);
  if (found === undefined || found === null) return null;
  const text =
    typeof found === 'string'
      ? found
      : typeof found === 'number' || typeof found === 'boolean'
        ? String(found)
        : compactJson(found);
  if (text === null) return null;
  return text.length > TEXT_MAX_CHARS ? text.slice(0, TEXT_MAX_CHARS) : text;
}

/**
 * An object or array as compact JSON, or null when it is nested too deep to write out: JSON.stringify
 * recurses and throws a RangeError past a few thousand levels, which a 10 KB event can reach.
 */
function compactJson(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null; // no text, like a missing field: the rule's test fails rather than the pipeline
  }
}

/** The number at `field`: the mapped value for `''`, else a number (or decimal text) at the pointer. */
function numberOf(subject: RuleSubject, field: string): number | null {
  // The mapped value is finite when normalize made it; checked anyway, as a NaN remembered by a
  // crossing or an Infinity passing every `>` would be wrong however it arrived.
  if (field === '') return finiteNumber(subject.value);
  return finiteNumber(pointerValue(subject, field));
}

function pointerValue(subject: RuleSubject, pointer: string): unknown {
  if (subject.doc === undefined) return undefined;
  const found = resolvePointer(subject.doc, pointer);
  return found.ok ? found.value : undefined;
}

/**
 * The series a stateful condition follows: the text at `per` (`/pair`); without one, the chart's series
 * for the mapped value, or a single series for a pointer.
 */
function seriesOf(subject: RuleSubject, field: string, per: string | null): string {
  if (per !== null) return (textOf(subject, per) ?? '').slice(0, SERIES_MAX_CHARS);
  return field === '' ? (subject.series ?? '').slice(0, SERIES_MAX_CHARS) : '';
}

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
