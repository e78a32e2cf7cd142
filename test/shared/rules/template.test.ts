import { describe, expect, it } from 'vitest';
import {
  MISSING_MARK,
  renderTemplate,
  type TemplateSubject,
  unknownPlaceholders,
} from '../../../src/shared/rules/template.ts';

const fields: TemplateSubject['fields'] = {
  value: 7.21,
  title: 'USD/CNY',
  body: 'rate update',
  feed: 'FX',
  type: 'message',
  id: 'e1',
  severity: 4,
  link: null,
};
const withDoc = (doc: unknown): TemplateSubject => ({ doc, fields });
const fx = withDoc({ pair: 'USD/CNY', rate: 7.21, alert: { id: 'a/1', tags: ['fx', 1] } });

describe('renderTemplate in text', () => {
  it('fills pointers and the event’s own fields', () => {
    expect(renderTemplate('{/pair} crossed {value}', fx)).toEqual({
      text: 'USD/CNY crossed 7.21',
      missing: [],
      pathChanging: [],
    });
    expect(renderTemplate('{feed}: {title} ({type} {id}, level {severity}) {body}', fx).text).toBe(
      'FX: USD/CNY (message e1, level 4) rate update',
    );
    expect(renderTemplate('{ /pair } at { value }', fx).text).toBe('USD/CNY at 7.21');
    expect(renderTemplate('{/alert/id} {/alert/tags/0}', fx).text).toBe('a/1 fx');
  });

  it('reads {{ and }} as literal braces', () => {
    expect(renderTemplate('{{/pair}} is {/pair}', fx).text).toBe('{/pair} is USD/CNY');
    expect(renderTemplate('{{{/pair}}}', fx).text).toBe('{USD/CNY}');
    expect(renderTemplate('}} {{', fx).text).toBe('} {');
    expect(renderTemplate('a { b', fx).text).toBe('a { b');
  });

  it('marks a missing pointer or field with ? and lists it', () => {
    expect(MISSING_MARK).toBe('?');
    expect(renderTemplate('{/pair} at {/bid} via {link}', fx)).toEqual({
      text: 'USD/CNY at ? via ?',
      missing: ['/bid', 'link'],
      pathChanging: [],
    });
    expect(renderTemplate('{/pair}', withDoc(undefined))).toEqual({
      text: '?',
      missing: ['/pair'],
      pathChanging: [],
    });
    expect(renderTemplate('{/pair}', withDoc({ pair: null }))).toEqual({
      text: '?',
      missing: ['/pair'],
      pathChanging: [],
    });
    expect(renderTemplate('{/bad~2}', fx)).toEqual({ text: '?', missing: ['/bad~2'], pathChanging: [] });
  });

  it('finds nothing under unknown names, __proto__ or constructor', () => {
    expect(renderTemplate('{price} {} {__proto__} {constructor} {toString}', fx)).toEqual({
      text: '? ? ? ? ?',
      missing: ['price', '', '__proto__', 'constructor', 'toString'],
      pathChanging: [],
    });
    expect(renderTemplate('{/__proto__}{/constructor}', fx).missing).toEqual(['/__proto__', '/constructor']);
    const own = JSON.parse('{"__proto__": "own", "constructor": "too"}') as unknown;
    expect(renderTemplate('{/__proto__} {/constructor}', withDoc(own)).text).toBe('own too');
  });

  it('writes objects and arrays as compact JSON, booleans and numbers as text', () => {
    const doc = { alert: { id: 'a1', tags: ['fx', 1] }, up: false, n: -0.5 };
    expect(renderTemplate('{/alert} {/alert/tags} {/up} {/n}', withDoc(doc)).text).toBe(
      '{"id":"a1","tags":["fx",1]} ["fx",1] false -0.5',
    );
  });

  it('caps one value at 1000 characters', () => {
    const rendered = renderTemplate('<{/long}>', withDoc({ long: 'x'.repeat(5000) }));
    expect(rendered.text).toBe(`<${'x'.repeat(1000)}>`);
  });

  it('does not cut a character in two at the cap', () => {
    const rendered = renderTemplate('{/long}', withDoc({ long: `${'x'.repeat(999)}😀😀` }));
    expect(rendered.text).toBe('x'.repeat(999));
    expect(rendered.text.isWellFormed()).toBe(true);
  });

  it('a value nested too deep to write out is missing, not a thrown RangeError', () => {
    const deep = JSON.parse(`{"a": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`) as unknown;
    expect(renderTemplate('{/a}!', withDoc(deep))).toEqual({ text: '?!', missing: ['/a'], pathChanging: [] });
  });
});

describe('renderTemplate in a URL', () => {
  it('percent-encodes every value, reserved characters and non-ASCII included', () => {
    const doc = { pair: 'USD/CNY', q: 'a&b=c?d#e', name: 'Zürich 北京' };
    expect(renderTemplate('https://h/ack/{/pair}?q={/q}&n={/name}', withDoc(doc), 'url').text).toBe(
      'https://h/ack/USD%2FCNY?q=a%26b%3Dc%3Fd%23e&n=Z%C3%BCrich%20%E5%8C%97%E4%BA%AC',
    );
  });

  it('leaves a missing value empty and lists it', () => {
    expect(renderTemplate('https://h/{/id}/ack', fx, 'url')).toEqual({
      text: 'https://h//ack',
      missing: ['/id'],
      pathChanging: [],
    });
  });

  it('writes a lone surrogate as U+FFFD instead of throwing', () => {
    const doc = JSON.parse('{"bad": "a\\ud800b"}') as unknown;
    expect(renderTemplate('/x/{/bad}', withDoc(doc), 'url').text).toBe('/x/a%EF%BF%BDb');
  });

  it('does not leave half a character at the cap', () => {
    const text = renderTemplate('{/long}', withDoc({ long: `${'x'.repeat(999)}😀` }), 'url').text;
    expect(text).toBe('x'.repeat(999));
  });
});

describe('renderTemplate in JSON', () => {
  it('escapes quotes, backslashes and control characters as JSON string content', () => {
    const doc = { msg: 'say "hi"\\ \n\t\u0000 \u2028 é' };
    const rendered = renderTemplate('{"text": "{/msg}", "v": {value}}', withDoc(doc), 'json');
    expect(rendered.text).toBe('{"text": "say \\"hi\\"\\\\ \\n\\t\\u0000 \u2028 é", "v": 7.21}');
    expect(JSON.parse(rendered.text)).toEqual({ text: doc.msg, v: 7.21 });
  });

  it('an object value becomes string content, not structure', () => {
    const rendered = renderTemplate('{"alert": "{/alert}"}', fx, 'json');
    expect(JSON.parse(rendered.text)).toEqual({ alert: '{"id":"a/1","tags":["fx",1]}' });
  });

  it('leaves a missing value empty and lists it', () => {
    expect(renderTemplate('{"id": "{/id}"}', fx, 'json')).toEqual({
      text: '{"id": ""}',
      missing: ['/id'],
      pathChanging: [],
    });
  });
});

describe('unknownPlaceholders', () => {
  it('names what is neither a pointer nor a known field', () => {
    expect(unknownPlaceholders('{/pair} {value} { title } {price} {{literal}} {} {__proto__}')).toEqual([
      'price',
      '',
      '__proto__',
    ]);
    expect(unknownPlaceholders('{value}{title}{body}{feed}{type}{id}{severity}{link}')).toEqual([]);
    expect(unknownPlaceholders('no placeholders')).toEqual([]);
  });
});
