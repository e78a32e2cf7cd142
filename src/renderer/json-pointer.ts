/**
 * JSON pointers (RFC 6901) in the window: building one from a clicked path and resolving one for the
 * notification preview. Main has the full implementation; this is the small subset the UI needs.
 */

/** The pointer for a path of keys and indexes, e.g. ["data", 0, "a/b"] → "/data/0/a~1b". */
export function pointerFor(path: readonly (string | number)[]): string {
  // [spec] RFC 6901 §3: "~" is written "~0" and "/" is written "~1".
  return path.map((token) => '/' + String(token).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** The value at `pointer` in `doc`, or undefined when the pointer is malformed or leads nowhere. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    // [spec] RFC 6901 §4: transform "~1" to "/" first, then "~0" to "~".
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      current = current[Number(token)] as unknown;
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, token)) {
      // Own properties only, so "/__proto__" finds nothing instead of Object.prototype.
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}
