import { describe, expect, it } from 'vitest';
import {
  JSON_TITLE_PREFIX_CHARS,
  eventKey,
  finiteNumber,
  inspectEvent,
  normalizeEvent,
} from '../../../src/shared/presentation/normalize.ts';
import { safeLink } from '../../../src/shared/presentation/link.ts';
import { rawEvent } from '../../main/pipeline/make-event.ts';

const newsMapping = { title: '/headline', body: '/summary', link: '/url', value: '/score' };

describe('normalizeEvent', () => {
  it('takes JSON nested 20,000 deep (which JSON.stringify cannot write back) without throwing', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    for (const mapping of [{}, { title: '/0' }, { body: '/0' }]) {
      const event = normalizeEvent(rawEvent({ data: deep }), mapping, 1);
      expect(event.title).toBe('['.repeat(80 - 1) + '…');
      expect(event.body.length).toBeGreaterThan(0);
    }
  });

  it('keys an event by feed and id, or by sequence number when the server sent no id', () => {
    expect(normalizeEvent(rawEvent({ id: '42', data: 'x' }), {}, 7).key).toBe('news:42');
    expect(normalizeEvent(rawEvent({ id: '', data: 'x' }), {}, 7).key).toBe('news:#7');
    expect(eventKey('rates', '', 0)).toBe('rates:#0');
  });

  it('keeps the raw fields as they came, but not the stream position', () => {
    const { lastEventId: _position, ...fields } = rawEvent({
      type: 'tick',
      id: '9',
      lastEventId: '9',
      data: 'hello',
      receivedAt: 123,
    });
    const event = normalizeEvent({ ...fields, lastEventId: '9' }, {}, 1);
    expect(event).toMatchObject(fields);
    expect(event).not.toHaveProperty('lastEventId');
  });

  it('maps title, body, link and value from a JSON event through pointers', () => {
    const data = JSON.stringify({
      headline: 'Markets open',
      summary: 'Stocks up.\nBonds flat.',
      url: 'https://example.com/a?b=1',
      score: 0.75,
    });
    const event = normalizeEvent(rawEvent({ data }), newsMapping, 1);
    expect(event).toMatchObject({
      title: 'Markets open',
      body: 'Stocks up.\nBonds flat.',
      link: 'https://example.com/a?b=1',
      value: 0.75,
    });
  });

  it('follows escaped pointers and array indices into nested JSON', () => {
    const data = JSON.stringify({ 'a/b': { items: [{ t: 'zero' }, { t: 'one' }] }, 'm~n': '12.5' });
    const event = normalizeEvent(rawEvent({ data }), { title: '/a~1b/items/1/t', value: '/m~0n' }, 1);
    expect(event.title).toBe('one');
    expect(event.value).toBe(12.5);
  });

  it('turns numbers, booleans and objects at a pointer into text', () => {
    const data = JSON.stringify({ n: 3, b: true, o: { x: [1] } });
    expect(normalizeEvent(rawEvent({ data }), { title: '/n', body: '/b' }, 1)).toMatchObject({
      title: '3',
      body: 'true',
    });
    expect(normalizeEvent(rawEvent({ data }), { title: '/o' }, 1).title).toBe('{"x":[1]}');
  });

  it('falls back to lines when the data is plain text: first non-empty line is the title', () => {
    const event = normalizeEvent(rawEvent({ data: '\nBuild failed\nstep: test\nexit 1' }), newsMapping, 1);
    expect(event).toMatchObject({
      title: 'Build failed',
      body: 'step: test\nexit 1',
      link: null,
      value: null,
    });
  });

  it('never throws on JSON that is cut off or garbled, and shows it as text', () => {
    for (const data of ['{"headline": "half', '{]', '[1, 2', '{"a":1}}', 'nul', '\u0000{']) {
      const event = normalizeEvent(rawEvent({ data }), newsMapping, 1);
      expect(event.title.length).toBeGreaterThan(0);
      expect(event.link).toBeNull();
    }
    expect(normalizeEvent(rawEvent({ data: '{"headline": "half' }), newsMapping, 1).title).toBe(
      '{"headline": "half',
    );
  });

  it('falls back when a pointer is missing or points at null or an empty string', () => {
    for (const data of ['{"other":1}', '{"headline":null}', '{"headline":"  "}']) {
      const event = normalizeEvent(rawEvent({ type: 'alert', data }), newsMapping, 1);
      expect(event.title).toBe('alert');
    }
  });

  it('titles unmapped JSON with its event type and shows the document as body', () => {
    const data = JSON.stringify({ level: 'high', host: 'db1' });
    const event = normalizeEvent(rawEvent({ type: 'alert', data }), {}, 1);
    expect(event.title).toBe('alert');
    expect(event.body).toBe('{"level":"high","host":"db1"}');
  });

  it('titles unmapped JSON of the default type with a prefix of the compact document', () => {
    const short = normalizeEvent(rawEvent({ data: '{ "rate" : 1.08 }' }), {}, 1);
    expect(short.title).toBe('{"rate":1.08}');
    expect(short.body).toBe('');

    const long = normalizeEvent(rawEvent({ data: JSON.stringify({ text: 'x'.repeat(300) }) }), {}, 1);
    expect(long.title).toHaveLength(JSON_TITLE_PREFIX_CHARS);
    expect(long.title.endsWith('…')).toBe(true);
    expect(long.body.startsWith('{"text":"xxx')).toBe(true);
  });

  it('leaves the body empty when the mapping gave a title but no body', () => {
    const data = JSON.stringify({ headline: 'Only this', extra: 'noise' });
    expect(normalizeEvent(rawEvent({ data }), { title: '/headline' }, 1).body).toBe('');
  });

  it('shows a bare JSON string decoded, not with quotes', () => {
    const event = normalizeEvent(rawEvent({ data: '"Hello\\nWorld"' }), {}, 1);
    expect(event).toMatchObject({ title: 'Hello', body: 'World' });
  });

  it('reads a bare JSON number through the whole-document pointer', () => {
    const event = normalizeEvent(rawEvent({ data: '1.0843' }), { value: '' }, 1);
    expect(event.value).toBe(1.0843);
    expect(event.title).toBe('1.0843');
  });

  it('titles an event without any text by its type', () => {
    expect(normalizeEvent(rawEvent({ type: 'ping', data: ' \n ' }), {}, 1).title).toBe('ping');
  });

  it('caps and cleans mapped text', () => {
    const data = JSON.stringify({
      headline: `  a\u0000b\n\tc ${'x'.repeat(500)}`,
      summary: 'y'.repeat(5000),
    });
    const event = normalizeEvent(rawEvent({ data }), newsMapping, 1);
    expect(event.title.startsWith('a b c x')).toBe(true);
    expect(event.title).toHaveLength(200);
    expect(event.body).toHaveLength(1000);
  });

  it('never lets a javascript: or other non-http link through', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\u0000script:alert(1)',
      'data:text/html,<script>',
      'file:///etc/passwd',
      'vbscript:msgbox',
      '/relative/path',
      'example.com',
      '//example.com/x',
      '',
      42,
      { href: 'https://example.com' },
    ]) {
      const data = JSON.stringify({ url });
      expect(normalizeEvent(rawEvent({ data }), { link: '/url' }, 1).link).toBeNull();
    }
  });
});

describe('safeLink', () => {
  it('accepts absolute http and https URLs and normalizes them', () => {
    expect(safeLink('https://example.com')).toBe('https://example.com/');
    expect(safeLink('  HTTP://Example.COM/a b ')).toBe('http://example.com/a%20b');
  });

  it('shows international domain names in punycode, so look-alikes are visible', () => {
    expect(safeLink('https://pаypal.com/')).toBe('https://xn--pypal-4ve.com/');
  });
});

describe('finiteNumber', () => {
  it('accepts finite numbers and plain decimal strings', () => {
    expect(finiteNumber(3)).toBe(3);
    expect(finiteNumber(-0.5)).toBe(-0.5);
    expect(finiteNumber(' 1.25 ')).toBe(1.25);
    expect(finiteNumber('-3e2')).toBe(-300);
    expect(finiteNumber('.5')).toBe(0.5);
    expect(finiteNumber('+7.')).toBe(7);
  });

  it('rejects everything Number() would wrongly turn into a value', () => {
    for (const value of ['', ' ', '0x1F', 'Infinity', 'NaN', '1e999', '1,5', '12abc', true, null, [1], {}])
      expect(finiteNumber(value)).toBeNull();
    expect(finiteNumber(Number.NaN)).toBeNull();
    expect(finiteNumber(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('inspectEvent', () => {
  it('names the mapping fields that found nothing, for the editor preview', () => {
    const raw = rawEvent({ data: JSON.stringify({ pair: 'USD/CNY', rate: null }) });
    const { event, missing } = inspectEvent(
      raw,
      { title: '/pair', value: '/rate', link: '/url', body: '/x/y' },
      1,
    );
    expect(event.title).toBe('USD/CNY');
    expect(missing).toEqual(['body', 'link', 'value']);
  });

  it('counts every mapped field as missing in a plain-text event, and still titles it', () => {
    const { event, missing } = inspectEvent(
      rawEvent({ data: '\n\nDeploy done\nall green' }),
      { title: '/t' },
      1,
    );
    expect(missing).toEqual(['title']);
    expect(event).toMatchObject({ title: 'Deploy done', body: 'all green' });
  });

  it('gives exactly what normalizeEvent gives', () => {
    const raw = rawEvent({ id: '3', data: '{"a":{"b":"0x1F"}}' });
    const mapping = { title: '/a/b', value: '/a/b' };
    expect(inspectEvent(raw, mapping, 9).event).toEqual(normalizeEvent(raw, mapping, 9));
    expect(normalizeEvent(raw, mapping, 9).value).toBeNull(); // "0x1F" is not a decimal value
  });
});
