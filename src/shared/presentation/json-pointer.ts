/**
 * JSON Pointer (RFC 6901) lookup: how a feed's mapping picks title, body, link and value out of a
 * JSON event. Pure; never throws, a pointer that leads nowhere is a value with a code.
 */

/** Why a pointer did not resolve. */
export type PointerErrorCode = 'pointer-syntax' | 'pointer-missing';

/** A pointer that did not resolve: a code for machines and a sentence for people. */
export interface PointerError {
  code: PointerErrorCode;
  message: string;
}

/** The outcome of `resolvePointer`: the value found, or why none was. */
export type PointerResult = { ok: true; value: unknown } | { ok: false; error: PointerError };

// [spec] RFC 6901 §4: array-index = %x30 / ( %x31-39 *(%x30-39) ) — no leading zeros, no sign.
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
// [spec] RFC 6901 §3: escaped = "~" ( "0" / "1" ); any other "~" is not a valid pointer.
const BAD_ESCAPE = /~(?![01])/;

/**
 * Splits a pointer into its unescaped reference tokens, or null when the pointer is malformed.
 * `""` is the whole document, so it has no tokens.
 */
export function parsePointer(pointer: string): readonly string[] | null {
  // Every event of a feed is read through the same few pointers: parse each once.
  const cached = parsed.get(pointer);
  if (cached !== undefined) return cached;
  const tokens = parseUncached(pointer);
  if (parsed.size >= MAX_CACHED_POINTERS) parsed.clear();
  parsed.set(pointer, tokens);
  return tokens;
}

const MAX_CACHED_POINTERS = 1000;
const parsed = new Map<string, readonly string[] | null>();

function parseUncached(pointer: string): readonly string[] | null {
  if (pointer === '') return [];
  // [spec] RFC 6901 §3: json-pointer = *( "/" reference-token )
  if (!pointer.startsWith('/')) return null;
  const tokens = pointer.slice(1).split('/');
  if (tokens.some((token) => BAD_ESCAPE.test(token))) return null;
  // [spec] RFC 6901 §4: first transform any occurrence of "~1" to "/", then "~0" to "~",
  // so "~01" becomes "~1" and not "/".
  return Object.freeze(tokens.map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~')));
}

/** Looks `pointer` up in a parsed JSON document. Never throws. */
export function resolvePointer(doc: unknown, pointer: string): PointerResult {
  const tokens = parsePointer(pointer);
  if (tokens === null) {
    return {
      ok: false,
      error: {
        code: 'pointer-syntax',
        message: `"${pointer}" is not a JSON pointer; it must start with "/"`,
      },
    };
  }
  let current: unknown = doc;
  for (const [depth, token] of tokens.entries()) {
    const next = step(current, token);
    if (next === undefined) {
      const where = '/' + tokens.slice(0, depth + 1).join('/');
      return { ok: false, error: { code: 'pointer-missing', message: `The event has nothing at ${where}` } };
    }
    current = next.value;
  }
  return { ok: true, value: current };
}

/** One step down the document, or undefined when the token names nothing there. */
function step(current: unknown, token: string): { value: unknown } | undefined {
  if (Array.isArray(current)) {
    // [spec] RFC 6901 §4: "-" names the (nonexistent) element after the last one: an error to evaluate.
    if (!ARRAY_INDEX.test(token)) return undefined;
    const index = Number(token);
    return index < current.length ? { value: current[index] as unknown } : undefined;
  }
  if (current !== null && typeof current === 'object') {
    // Own properties only: "/__proto__" or "/constructor" must not reach into Object.prototype.
    return Object.hasOwn(current, token) ? { value: (current as Record<string, unknown>)[token] } : undefined;
  }
  return undefined;
}

/** The pointer for a path of keys and indexes, e.g. ["data", 0, "a/b"] → "/data/0/a~1b". */
export function pointerFor(path: readonly (string | number)[]): string {
  // [spec] RFC 6901 §3: "~" is written "~0" and "/" is written "~1".
  return path.map((token) => '/' + String(token).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
