import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { formatComment, formatEvent, formatRetry } from '../../src/demo/sse-format.ts';

/** What a spec-following client makes of `text`. */
function parse(text: string): { events: EventSourceMessage[]; retries: number[]; comments: string[] } {
  const result = { events: [] as EventSourceMessage[], retries: [] as number[], comments: [] as string[] };
  const parser = createParser({
    onEvent: (event) => result.events.push(event),
    onRetry: (retry) => result.retries.push(retry),
    onComment: (comment) => result.comments.push(comment),
  });
  parser.feed(text);
  return result;
}

describe('formatEvent', () => {
  it('writes id, event and data fields and ends with a blank line', () => {
    expect(formatEvent({ id: '7', event: 'warning', data: '{"a":1}' })).toBe(
      'id: 7\nevent: warning\ndata: {"a":1}\n\n',
    );
  });

  it('writes only data when that is all there is', () => {
    expect(formatEvent({ data: 'hello' })).toBe('data: hello\n\n');
  });

  it('splits data on LF, CR and CRLF into one data line each', () => {
    expect(formatEvent({ data: 'a\nb\rc\r\nd' })).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
  });

  it('round-trips multi-line data through a real parser, line breaks becoming LF', () => {
    const { events } = parse(formatEvent({ id: '1', data: 'one\r\ntwo\rthree\nfour' }));
    expect(events).toEqual([{ id: '1', event: undefined, data: 'one\ntwo\nthree\nfour' }]);
  });

  it('keeps empty lines, leading spaces and a trailing line break in data', () => {
    const data = '\n  indented\n\nlast\n';
    expect(parse(formatEvent({ data })).events[0]!.data).toBe(data);
  });

  it('sends an empty data string as one empty data line, so the event is still dispatched', () => {
    expect(formatEvent({ data: '' })).toBe('data: \n\n');
    expect(parse(formatEvent({ data: '' })).events).toEqual([{ id: undefined, event: undefined, data: '' }]);
  });

  it('puts a retry field before the event when given', () => {
    const text = formatEvent({ retry: 2500, id: '3', data: 'x' });
    expect(text).toBe('retry: 2500\nid: 3\ndata: x\n\n');
    expect(parse(text).retries).toEqual([2500]);
  });

  it('refuses an id or event type that would break the framing', () => {
    expect(() => formatEvent({ id: '1\n', data: 'x' })).toThrow(TypeError);
    expect(() => formatEvent({ id: 'a\rb', data: 'x' })).toThrow(TypeError);
    expect(() => formatEvent({ id: 'a\0b', data: 'x' })).toThrow(/NULL/);
    expect(() => formatEvent({ event: 'info\r\ndata: injected', data: 'x' })).toThrow(TypeError);
  });
});

describe('formatRetry and formatComment', () => {
  it('writes a retry line only for a whole, non-negative number of milliseconds', () => {
    expect(formatRetry(0)).toBe('retry: 0\n');
    expect(() => formatRetry(-1)).toThrow(RangeError);
    expect(() => formatRetry(1.5)).toThrow(RangeError);
    expect(() => formatRetry(Number.NaN)).toThrow(RangeError);
  });

  it('writes a comment that clients see as a comment, one line per line', () => {
    expect(formatComment('ping')).toBe(': ping\n');
    const { comments, events } = parse(formatComment('a\r\nb') + formatEvent({ data: 'x' }));
    expect(comments).toEqual(['a', 'b']);
    expect(events).toHaveLength(1);
  });
});
