import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendLines,
  encodeRecord,
  parseHistory,
  readHistoryText,
  replaceLines,
} from '../../../src/main/pipeline/history-file.ts';
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

describe('history file I/O', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedtray-history-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing file as empty history', async () => {
    expect(await readHistoryText(join(dir, 'none.jsonl'))).toEqual({ ok: true, value: '' });
  });

  it('reports a file that cannot be read as an error value', async () => {
    const result = await readHistoryText(dir); // a directory: EISDIR
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('history-read-failed');
      expect(result.error.cause).toMatch(/EISDIR/);
    }
  });

  it('appends a batch of lines in one write, each ending in a newline', async () => {
    const path = join(dir, 'h.jsonl');
    expect(await appendLines(path, ['a', 'b'])).toBeNull();
    expect(await appendLines(path, ['c'])).toBeNull();
    expect(await readFile(path, 'utf8')).toBe('a\nb\nc\n');
  });

  it('replaces the file whole and leaves no temp file behind', async () => {
    const path = join(dir, 'h.jsonl');
    await writeFile(path, 'old\nold\nold\n');
    expect(await replaceLines(path, ['new'])).toBeNull();
    expect(await readFile(path, 'utf8')).toBe('new\n');
    expect(await readdir(dir)).toEqual(['h.jsonl']);
  });

  it('reports a failed write as an error value and keeps the old file', async () => {
    const path = join(dir, 'missing-folder', 'h.jsonl');
    const error = await replaceLines(path, ['x']);
    expect(error?.code).toBe('history-write-failed');
    expect(error?.message).toMatch(/could not be saved/);
    expect(await appendLines(path, ['x'])).toMatchObject({ code: 'history-write-failed' });
  });
});
