import { check } from './check.ts';
import { demo } from './demo.ts';
import { history, processHistoryIo } from './history.ts';
import { listen } from './listen.ts';
import { LineWriter } from './output.ts';
import { USAGE, UsageError } from './usage.ts';

/** The `feedtray` command: the same core as the app, in plain Node. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const stdout = new LineWriter(process.stdout);
  const stderr = new LineWriter(process.stderr);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'listen':
        return await listen(rest, { fetch: globalThis.fetch, stdout, stderr });
      case 'check':
        return await check(rest, { fetch: globalThis.fetch, stdout });
      case 'demo':
        return await demo(rest, { stdout });
      case 'history':
        return await history(rest, processHistoryIo(stdout, stderr));
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        stdout.line(USAGE);
        await stdout.flushed();
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    // node:util parseArgs reports unknown options and missing values with these codes.
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      stderr.line(`feedtray: ${(error as Error).message}`);
      stderr.line('Run "feedtray --help" for usage.');
      await stderr.flushed();
      return 2;
    }
    throw error;
  }
}
