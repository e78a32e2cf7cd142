import { describe, expect, it } from 'vitest';
import { idFromData, MAX_ID_CHARS, resumeUrl, SSE_RESUME } from '../../../src/main/feeds/resume.ts';

const SINCE = { lastEventId: false, queryParam: 'since', initial: '12h' };

describe('resumeUrl', () => {
  it('leaves the address alone for plain SSE', () => {
    expect(resumeUrl('http://h/feed?a=1', SSE_RESUME, '42')).toBe('http://h/feed?a=1');
  });

  it('asks for the first-connect window while no position is known, then from the last id', () => {
    expect(resumeUrl('http://h/t/sse', SINCE, '')).toBe('http://h/t/sse?since=12h');
    expect(resumeUrl('http://h/t/sse', SINCE, 'abc')).toBe('http://h/t/sse?since=abc');
    expect(resumeUrl('http://h/t/sse', { ...SINCE, initial: null }, '')).toBe('http://h/t/sse');
  });

  it('replaces a parameter already in the address, keeps the others and encodes hostile ids', () => {
    const url = resumeUrl('http://h/t/sse?since=all&priority=4', SINCE, 'a&b=c #d');
    const params = new URL(url).searchParams;
    expect(params.getAll('since')).toEqual(['a&b=c #d']);
    expect(params.get('priority')).toBe('4');
    expect(params.get('b')).toBeNull();
  });
});

describe('idFromData', () => {
  it('takes a string or a finite number at the pointer', () => {
    expect(idFromData('{"id":"p0M5y6gcCY","message":"hi"}', '/id')).toBe('p0M5y6gcCY');
    expect(idFromData('{"meta":{"seq":17}}', '/meta/seq')).toBe('17');
  });

  it('finds no id in text, missing pointers, objects, NUL or line breaks, or absurd lengths', () => {
    expect(idFromData('plain text', '/id')).toBe('');
    expect(idFromData('{"id":', '/id')).toBe('');
    expect(idFromData('{"other":1}', '/id')).toBe('');
    expect(idFromData('{"id":{"a":1}}', '/id')).toBe('');
    expect(idFromData('{"id":true}', '/id')).toBe('');
    expect(idFromData('{"id":""}', '/id')).toBe('');
    expect(idFromData('{"id":"a\\u0000b"}', '/id')).toBe('');
    expect(idFromData('{"id":"a\\nb"}', '/id')).toBe('');
    expect(idFromData(JSON.stringify({ id: 'x'.repeat(MAX_ID_CHARS + 1) }), '/id')).toBe('');
    expect(idFromData('{"id":1e400}', '/id')).toBe('');
  });

  it('never reaches into the prototype', () => {
    expect(idFromData('{}', '/__proto__')).toBe('');
    expect(idFromData('{}', '/constructor/name')).toBe('');
    expect(idFromData('{"__proto__":"own"}', '/__proto__')).toBe('own');
  });
});
