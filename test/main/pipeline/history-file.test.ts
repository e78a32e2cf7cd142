import { describe, expect, it } from 'vitest';
import { encodeRecord, parseHistory } from '../../../src/main/pipeline/history-file.ts';
import { feedEvent } from './make-event.ts';

const eventLine = (n: number) => encodeRecord({ kind: 'event', n, event: feedEvent({ id: String(n) }) });

describe('parseHistory', () => {
  it('reads events, read markers and removals', () => {
    const text = [eventLine(1), encodeRecord({ kind: 'read', feedId: 'news', n: 1 })].join('\n') + '\n';
    const parsed = parseHistory(text + encodeRecord({ kind: 'remove', feedId: 'news' }) + '\n');
    expect(parsed.records.map((record) => record.kind)).toEqual(['event', 'read', 'remove']);
    expect(parsed).toMatchObject({
      lines: 3,
      skippedLines: 0,
      truncatedTail: false,
      missingFinalNewline: false,
    });
  });

  it('skips a half-written last line and says so', () => {
    const text = eventLine(1) + '\n' + eventLine(2).slice(0, 40);
    const parsed = parseHistory(text);
    expect(parsed.records).toHaveLength(1);
    expect(parsed).toMatchObject({
      lines: 2,
      skippedLines: 1,
      truncatedTail: true,
      missingFinalNewline: true,
    });
  });

  it('skips garbage and records of the wrong shape anywhere, keeping the rest', () => {
    const text = [
      'garbage',
      eventLine(1),
      '{"kind":"event","n":2}',
      '{"kind":"unknown"}',
      '\u0000\u0000\u0000',
      '[1,2,3]',
      eventLine(3),
    ].join('\n');
    const parsed = parseHistory(text + '\n');
    expect(parsed.records.map((record) => (record.kind === 'event' ? record.n : -1))).toEqual([1, 3]);
    expect(parsed.skippedLines).toBe(5);
    expect(parsed.truncatedTail).toBe(false);
  });

  it('ignores blank lines and reads an empty file as empty history', () => {
    expect(parseHistory('')).toMatchObject({ records: [], lines: 0, skippedLines: 0 });
    expect(parseHistory('\n\n' + eventLine(1) + '\n\n')).toMatchObject({ lines: 1, skippedLines: 0 });
  });
});
