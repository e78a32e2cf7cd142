import { describe, expect, it } from 'vitest';
import {
  BODY_MAX_CHARS,
  TITLE_MAX_CHARS,
  capText,
  cleanBlock,
  cleanLine,
  splitTitleBody,
  toBody,
  toText,
  toTitle,
} from '../../../src/shared/presentation/text.ts';

describe('plain text', () => {
  it('stringifies numbers and booleans, compacts objects, and has no text for null', () => {
    expect(toText('as is')).toBe('as is');
    expect(toText(1.5)).toBe('1.5');
    expect(toText(false)).toBe('false');
    expect(toText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(toText(null)).toBeNull();
    expect(toText(undefined)).toBeNull();
  });

  it('collapses whitespace and control characters in a line to single spaces', () => {
    expect(cleanLine('  Rates\t\tup\r\n\u0000\u0007 again\u009b ')).toBe('Rates up again');
  });

  it('removes bidi overrides so a notification reads as what it contains', () => {
    expect(cleanLine('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(cleanLine('a\u2066b\u2069c')).toBe('abc');
  });

  it('keeps line breaks in a block but normalizes and limits them', () => {
    expect(cleanBlock('one\r\ntwo\rthree\u2028four')).toBe('one\ntwo\nthree\nfour');
    expect(cleanBlock('\n\npara one\n\n\n\n\npara two  \n\n')).toBe('para one\n\npara two');
    expect(cleanBlock('tab\there\u0000x')).toBe('tab here x');
  });

  it('replaces lone surrogates instead of passing broken text on', () => {
    expect(cleanLine('bad \uD800 half')).toBe('bad \uFFFD half');
  });

  it('caps with an ellipsis inside the limit, never splitting a surrogate pair', () => {
    expect(capText('short', 10)).toBe('short');
    expect(capText('abcdefghij', 10)).toBe('abcdefghij');
    expect(capText('abcdefghijk', 10)).toBe('abcdefghi…');
    const emoji = 'abcdefgh😀😀';
    const capped = capText(emoji, 10);
    expect(capped).toBe('abcdefgh…');
    expect(capped.length).toBeLessThanOrEqual(10);
  });

  it('caps titles at 200 and bodies at 1000 characters', () => {
    const title = toTitle('t'.repeat(5000));
    expect(title).toHaveLength(TITLE_MAX_CHARS);
    expect(title.endsWith('…')).toBe(true);
    const body = toBody('b'.repeat(5000));
    expect(body).toHaveLength(BODY_MAX_CHARS);
    expect(body.endsWith('…')).toBe(true);
  });

  it('takes the first non-empty line as title and the rest as body', () => {
    expect(splitTitleBody('\n \n  Deploy finished \nservice: api\nduration: 42s\n')).toEqual({
      title: 'Deploy finished',
      body: 'service: api\nduration: 42s',
    });
    expect(splitTitleBody('only a title')).toEqual({ title: 'only a title', body: '' });
    expect(splitTitleBody(' \n\t\n')).toEqual({ title: '', body: '' });
  });
});
