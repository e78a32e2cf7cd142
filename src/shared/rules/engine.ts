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
import { MovingWindow } from './moving-window.ts';

export { WINDOW_MAX_POINTS } from './moving-window.ts';
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
  /** Title and body as one text, made once by the first text test that reads the event itself. */
  text?: string;
}

/** The rule that decided an event. */
export interface RuleVerdict {
  /** Its place in the feed's list (0-based). */
  index: number;
  rule: Rule;
}

/** Series one stateful condition keeps apart (`/pair` values); the oldest is forgotten beyond it. */
export const SERIES_PER_CONDITION = 1000;
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
/** A crossing's series: the previous value, and whether it may fire (false until it re-arms). */
type SeriesState = { prev: number; armed: boolean } | MovingWindow;

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
      const { field, level, per, rearm } = condition;
      const above = condition.op === 'crossesAbove';
      // Where the value must get back to before the next crossing counts (strictly past the level at 0).
      const rearmed = above
        ? (value: number) => (rearm > 0 ? value <= level - rearm : value < level)
        : (value: number) => (rearm > 0 ? value >= level + rearm : value > level);
      const id = stateId(condition);
      return (subject, state) => {
        const number = numberOf(subject, field);
        if (number === null) return false;
        const series = seriesMap(state, id);
        const name = seriesOf(subject, field, per);
        const last = series.get(name);
        const previous = last !== undefined && 'prev' in last ? last : null;
        const crossed =
          previous !== null &&
          previous.armed &&
          (above ? previous.prev < level && number >= level : previous.prev > level && number <= level);
        const armed = crossed ? false : (previous?.armed ?? true) || rearmed(number);
        // The series' own object is updated in place: no allocation per event once a series exists.
        if (previous === null) keep(series, name, { prev: number, armed });
        else {
          previous.prev = number;
          previous.armed = armed;
          keep(series, name, previous);
        }
        return crossed;
      };
    }
    case 'changesBy': {
      const { field, per } = condition;
      const id = stateId(condition);
      const spanMs = condition.withinMin * 60_000;
      return (subject, state) => {
        const number = numberOf(subject, field);
        if (number === null) return false;
        const series = seriesMap(state, id);
        const name = seriesOf(subject, field, per);
        let window = series.get(name);
        if (!(window instanceof MovingWindow)) window = new MovingWindow();
        keep(series, name, window);
        return window.offer(subject.receivedAt, number, spanMs, condition);
      };
    }
  }
}

/** One condition's state by series, created on first use. */
function seriesMap(state: FeedState, id: string): Map<string, SeriesState> {
  let bySeries = state.get(id);
  if (bySeries === undefined) {
    bySeries = new Map();
    state.set(id, bySeries);
  }
  return bySeries;
}

/**
 * Keeps a series' state as the most recently used (a Map keeps insertion order, so it moves to the
 * end); beyond SERIES_PER_CONDITION the series seen least recently gives way, not a busy one.
 */
function keep(series: Map<string, SeriesState>, name: string, value: SeriesState): void {
  if (!series.delete(name) && series.size >= SERIES_PER_CONDITION) {
    const oldest = series.keys().next().value;
    if (oldest !== undefined) series.delete(oldest);
  }
  series.set(name, value);
}

/** The event's text at `field`: title and body for `''`, else the pointer's value as text. */
function textOf(subject: RuleSubject, field: string): string | null {
  if (field === '') return (subject.text ??= `${subject.title}\n${subject.body}`);
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
