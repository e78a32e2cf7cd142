import { parseArgs } from 'node:util';
import { startDemoServer } from '../demo/server.ts';
import { parseInteger } from './args.ts';
import type { LineWriter } from './output.ts';

/** `feedtray demo`: serves the built-in demo feeds on 127.0.0.1 until interrupted. */
export async function demo(argv: string[], io: { stdout: LineWriter }): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } } });
  const port = parseInteger('--port', values.port, 0, 65_535) ?? 0;
  // Time-based ids keep increasing across restarts of `feedtray demo`, as a real feed's would.
  const server = await startDemoServer({ port, firstId: Date.now() });
  io.stdout.line(`FeedTray demo feeds on ${server.url}`);
  for (const [name, url] of Object.entries(server.feedUrls)) io.stdout.line(`  ${name.padEnd(7)} ${url}`);
  io.stdout.line('');
  io.stdout.line(`Try: npx feedtray listen ${server.feedUrls.rates} --json`);
  io.stdout.line('Stop with Ctrl+C.');
  return new Promise<number>((resolve) => {
    const stop = (code: number) => void server.close().then(() => resolve(code));
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
  });
}
