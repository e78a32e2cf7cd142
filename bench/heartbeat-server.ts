/**
 * A separate process for the scale benchmark, so the CPU the benchmark measures is FeedTray's alone.
 * Every request to 127.0.0.1 gets an endless event stream that sends only a comment heartbeat every
 * `HEARTBEAT_MS` (15 s), starting at a random offset so 200 feeds do not beat in step.
 *
 * Run: node bench/heartbeat-server.ts — prints `{"port":n}` once listening; exits when stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const HEARTBEAT_MS = 15_000;

const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
  res.write(': connected\n\n');
  let timer: ReturnType<typeof setTimeout> = setTimeout(function beat() {
    res.write(': heartbeat\n\n');
    timer = setTimeout(beat, HEARTBEAT_MS);
  }, Math.random() * HEARTBEAT_MS);
  res.on('close', () => clearTimeout(timer));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
// The parent holds our stdin; when it goes away, so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
