import { describe, expect, it } from 'vitest';
import { createStreamGuard } from '../../../src/main/feeds/stream-guard.ts';

interface Run {
  output: string;
  oversized: number[];
  retries: number[];
  bytesSeen: number;
  framing: boolean[];
  /** Ids set by blocks without data, in order. */
  idsAlone: string[];
}

async function run(chunks: (string | Uint8Array)[], maxEventBytes = 64): Promise<Run> {
  const result: Run = { output: '', oversized: [], retries: [], bytesSeen: 0, framing: [], idsAlone: [] };
  const guard = createStreamGuard(maxEventBytes, {
    onBytes: (n) => (result.bytesSeen += n),
    onOversizedEvent: (n) => result.oversized.push(n),
    onRetry: (ms) => result.retries.push(ms),
    onEventForwarded: (hasId) => result.framing.push(hasId),
    onIdWithoutEvent: (id) => result.idsAlone.push(id),
  });
  const encoder = new TextEncoder();
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  const decoder = new TextDecoder();
  for await (const part of source.pipeThrough(guard)) result.output += decoder.decode(part, { stream: true });
  return result;
}

describe('stream guard', () => {
  it('passes whole events through unchanged, whatever the chunking', async () => {
    const stream = 'id: 1\ndata: a\n\n: comment\n\nevent: x\r\ndata: b\r\n\r\ndata: c\r\rdata: d\n\n';
    for (const size of [1, 2, 3, 7, stream.length]) {
      const chunks = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      const { output, oversized } = await run(chunks);
      expect(output, `chunks of ${size}`).toBe(stream);
      expect(oversized).toEqual([]);
    }
  });

  it('counts every byte it sees, including ones it drops', async () => {
    const { bytesSeen } = await run(['data: a\n\n', `data: ${'y'.repeat(100)}\n\n`]);
    expect(bytesSeen).toBe(9 + 108);
  });

  it('drops an oversized event whole and keeps the events around it', async () => {
    const big = `id: 2\ndata: ${'x'.repeat(200)}\ndata: more\n\n`;
    const { output, oversized } = await run([
      'data: before\n\n',
      big.slice(0, 50),
      big.slice(50),
      'data: after\n\n',
    ]);
    expect(output).toBe('data: before\n\ndata: after\n\n');
    expect(oversized).toHaveLength(1);
  });

  it('drops an oversized event that ends with CRLF CRLF and resumes cleanly', async () => {
    const { output } = await run([`data: ${'z'.repeat(100)}\r\n\r`, '\ndata: next\r\n\r\n']);
    // The stray LF of the dropped event's CRLF reads as an empty line, which the parser ignores.
    expect(output.replace(/^\n/, '')).toBe('data: next\r\n\r\n');
  });

  it('forwards an unfinished event when the stream ends, so the parser decides (it discards it)', async () => {
    const { output } = await run(['data: whole\n\n', 'data: unfinished']);
    expect(output).toBe('data: whole\n\ndata: unfinished');
  });

  it("reads the server's retry, with or without a space, across chunk boundaries", async () => {
    const { retries } = await run(['retry: 2500\n', 're', 'try:1', '50\n', 'retry: soon\n', 'data: x\n\n']);
    expect(retries).toEqual([2500, 150]);
  });

  it('holds memory bounded while a 48 MiB event streams through', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const chunks: Uint8Array[] = [new TextEncoder().encode('data: ')];
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const guard = createStreamGuard(1024 * 1024, {
      onBytes: () => undefined,
      onOversizedEvent: () => undefined,
      onRetry: () => undefined,
      onEventForwarded: () => undefined,
    });
    const writer = guard.writable.getWriter();
    const reader = guard.readable.getReader();
    let forwarded = 0;
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        forwarded += value.byteLength;
      }
    })();
    for (const first of chunks) await writer.write(first);
    for (let i = 0; i < 768; i++) {
      await writer.write(chunk); // one reused buffer: only what the guard copies can grow memory
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    await writer.write(new TextEncoder().encode('\n\ndata: ok\n\n'));
    await writer.close();
    await reading;
    expect(forwarded).toBe('data: ok\n\n'.length);
    // Held bytes stop at the 1 MiB limit; without the guard this would climb past 48 MiB.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });

  it('tells which forwarded events carry their own id, counting only events the parser dispatches', async () => {
    const stream =
      'id: 1\ndata: a\n\ndata: b\n\n: comment only\n\nid\ndata\n\nidentity: x\ndata: c\n\nid: 9\n\n';
    for (const size of [1, 4, stream.length]) {
      const chunks = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      const { framing } = await run(chunks);
      // a (id 1), b (none), `id` + `data` without values (an id field, reset to empty), c (identity is not id)
      expect(framing, `chunks of ${size}`).toEqual([true, false, true, false]);
    }
  });

  it('reports no framing for an event it drops', async () => {
    const { framing } = await run([
      'id: 1\ndata: small\n\n',
      `id: 2\ndata: ${'x'.repeat(100)}\n\n`,
      'data: after\n\n',
    ]);
    expect(framing).toEqual([true, false]);
  });

  it('reads a retry line of any length, whatever the chunking', async () => {
    const stream = 'retry: 1000000000000\n\nretry: 3000000000\n\nretry:' + '9'.repeat(40) + '\n\n';
    for (const size of [1, 5, stream.length]) {
      const chunks = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      const { retries } = await run(chunks, 1024);
      expect(retries.slice(0, 2), `chunks of ${size}`).toEqual([1_000_000_000_000, 3_000_000_000]);
      expect(retries[2]).toBeGreaterThanOrEqual(1e15);
    }
  });

  it('ignores a retry line that is not all digits', async () => {
    const { retries } = await run(['retry: 12x\n\nretry: \n\nretry\n\nretry: -1\n\nretry:  5\n\n']);
    expect(retries).toEqual([]);
  });

  it("does not count an id containing NUL as the event's own id (the parser ignores it)", async () => {
    const stream = 'id: 1\ndata: a\n\nid: x\u0000y\ndata: b\n\nid: 3\nid: \u0000\ndata: c\n\n';
    for (const size of [1, 3, stream.length]) {
      const chunks = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      const { framing } = await run(chunks);
      // c keeps the valid `id: 3` of its block; the NUL line after it is ignored.
      expect(framing, `chunks of ${size}`).toEqual([true, false, true]);
    }
  });

  it('reports blocks that set the id without an event, an empty one as a reset', async () => {
    const stream = 'id: 1\ndata: a\n\nid: 7\n\nid\n\nid:\n: note\n\nid: \u0000\n\nid: ünï\n\n';
    for (const size of [1, 2, stream.length]) {
      const chunks: Uint8Array[] = [];
      const bytes = new TextEncoder().encode(stream);
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      const { idsAlone, framing } = await run(chunks);
      expect(idsAlone, `chunks of ${size}`).toEqual(['7', '', '', 'ünï']);
      expect(framing).toEqual([true]);
    }
  });

  it('reads the first line after a byte order mark like any other', async () => {
    const { framing, output } = await run(['\uFEFFid: 1\ndata: a\n\n']);
    expect(framing).toEqual([true]);
    // Forwarded whole; the decoder drops the BOM, as the package's does.
    expect(output).toBe('id: 1\ndata: a\n\n');
  });
});
