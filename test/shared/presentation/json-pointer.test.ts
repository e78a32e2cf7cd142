import { describe, expect, it } from 'vitest';
import { parsePointer, resolvePointer } from '../../../src/shared/presentation/json-pointer.ts';

// The example document of RFC 6901 §5.
const rfcDoc = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

const valueAt = (doc: unknown, pointer: string): unknown => {
  const result = resolvePointer(doc, pointer);
  return result.ok ? result.value : result.error.code;
};

describe('resolvePointer', () => {
  it('resolves every example of RFC 6901 section 5', () => {
    expect(valueAt(rfcDoc, '')).toBe(rfcDoc);
    expect(valueAt(rfcDoc, '/foo')).toEqual(['bar', 'baz']);
    expect(valueAt(rfcDoc, '/foo/0')).toBe('bar');
    expect(valueAt(rfcDoc, '/')).toBe(0);
    expect(valueAt(rfcDoc, '/a~1b')).toBe(1);
    expect(valueAt(rfcDoc, '/c%d')).toBe(2);
    expect(valueAt(rfcDoc, '/e^f')).toBe(3);
    expect(valueAt(rfcDoc, '/g|h')).toBe(4);
    expect(valueAt(rfcDoc, '/i\\j')).toBe(5);
    expect(valueAt(rfcDoc, '/k"l')).toBe(6);
    expect(valueAt(rfcDoc, '/ ')).toBe(7);
    expect(valueAt(rfcDoc, '/m~0n')).toBe(8);
  });

  it('unescapes ~1 before ~0, so ~01 means a literal ~1', () => {
    expect(parsePointer('/~01')).toEqual(['~1']);
    expect(valueAt({ '~1': 'tilde-one', '/': 'slash' }, '/~01')).toBe('tilde-one');
  });

  it('walks nested objects and arrays', () => {
    const doc = { data: { items: [{ title: 'first' }, { title: 'second' }] } };
    expect(valueAt(doc, '/data/items/1/title')).toBe('second');
  });

  it('returns null and false values as found, not as missing', () => {
    expect(valueAt({ a: null, b: false }, '/a')).toBeNull();
    expect(valueAt({ a: null, b: false }, '/b')).toBe(false);
  });

  it('reports a missing member with the path that was not there', () => {
    const result = resolvePointer({ data: {} }, '/data/title/text');
    expect(result).toEqual({
      ok: false,
      error: { code: 'pointer-missing', message: 'The event has nothing at /data/title' },
    });
  });

  it('rejects array indices that are out of range, signed, padded or "-"', () => {
    const doc = { list: ['a', 'b'] };
    for (const pointer of ['/list/2', '/list/-1', '/list/01', '/list/-', '/list/1.0', '/list/ 1', '/list/'])
      expect(valueAt(doc, pointer)).toBe('pointer-missing');
    expect(valueAt(doc, '/list/0')).toBe('a');
  });

  it('does not step into strings, numbers or null', () => {
    expect(valueAt({ s: 'text' }, '/s/0')).toBe('pointer-missing');
    expect(valueAt({ s: 'text' }, '/s/length')).toBe('pointer-missing');
    expect(valueAt({ n: null }, '/n/x')).toBe('pointer-missing');
    expect(valueAt(42, '/x')).toBe('pointer-missing');
  });

  it('never reaches into the prototype chain', () => {
    for (const pointer of ['/__proto__', '/constructor', '/toString', '/hasOwnProperty'])
      expect(valueAt({}, pointer)).toBe('pointer-missing');
    expect(valueAt([], '/length')).toBe('pointer-missing');
  });

  it('finds an own "__proto__" member that JSON.parse created', () => {
    expect(valueAt(JSON.parse('{"__proto__": {"title": "own"}}'), '/__proto__/title')).toBe('own');
  });

  it('treats a pointer without a leading slash or with a bad escape as a syntax error', () => {
    for (const pointer of ['title', '#/title', '/a~2b', '/a~'])
      expect(valueAt({ title: 'x' }, pointer)).toBe('pointer-syntax');
    expect(parsePointer('title')).toBeNull();
  });
});
