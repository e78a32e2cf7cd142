import { parseArgs } from 'node:util';
import { checkFeed } from '../main/feeds/check.ts';
import type { FeedCheckResult } from '../shared/check.ts';
import { displayUrl } from '../shared/url-credentials.ts';
import type { FetchFn } from '../main/ports.ts';
import { parseHeaders, parseInteger, parseServerKnobs, parseUrl } from './args.ts';
import type { LineWriter } from './output.ts';

/** `feedtray check <url>`: one diagnosis, in words; exit 0 when healthy, 1 when not. */
export async function check(argv: string[], io: { fetch: FetchFn; stdout: LineWriter }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      header: { type: 'string', multiple: true, default: [] },
      listen: { type: 'string' },
      preset: { type: 'string' },
      'id-pointer': { type: 'string' },
      'resume-param': { type: 'string' },
      'first-since': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const server = parseServerKnobs(values, parseUrl(positionals[0]));
  // Knobs given on the command line are the feed's; without them the check recognises the server.
  const given =
    values.preset !== undefined || values['id-pointer'] !== undefined || values['resume-param'] !== undefined;
  const headers = parseHeaders(values.header);
  const listenS = parseInteger('--listen', values.listen, 1, 300) ?? 5;
  const result = await checkFeed({
    url: server.url,
    fetch: io.fetch,
    headers,
    listenMs: listenS * 1000,
    diagnoseResume: true,
    ...(given ? { knobs: server } : {}),
  });
  if (values.json) io.stdout.line(JSON.stringify(result));
  else for (const line of describeCheck(result)) io.stdout.line(line);
  await io.stdout.flushed();
  return result.ok ? 0 : 1;
}

/** The diagnosis as lines a person reads. */
export function describeCheck(result: FeedCheckResult): string[] {
  // checkFeed reports the address without its userinfo; displayUrl again in case a caller did not.
  const lines = [`Checking ${displayUrl(result.url)}`];
  if (result.httpStatus !== null)
    lines.push(
      `  HTTP ${result.httpStatus} in ${result.responseMs} ms, Content-Type: ${result.contentType ?? '(none)'}`,
    );
  if (result.retryMs !== null) lines.push(`  retry: ${result.retryMs} ms`);
  if (result.httpStatus === 200 && result.problems.length === 0) {
    lines.push(
      `  events: ${result.events.length} in ${(result.listenedMs / 1000).toFixed(1)} s${result.eventTypes.length ? ` (types: ${result.eventTypes.join(', ')})` : ''}`,
    );
    lines.push(
      `  ids: ${result.idsPresent ? 'yes' : 'no'}, heartbeat comments: ${result.heartbeatSeen ? 'seen' : 'none seen'}`,
    );
  }
  for (const event of result.events.slice(0, 3)) {
    const data = event.data.length > 100 ? `${event.data.slice(0, 100)}…` : event.data;
    lines.push(`    ${event.type}${event.id ? ` #${event.id}` : ''}: ${data}`);
  }
  if (result.preset !== null) lines.push(`  server: ${result.preset} (use --preset ${result.preset})`);
  if (result.resume !== null) lines.push(`  resume: ${result.resume.verdict}`);
  for (const problem of result.problems) lines.push(`  ✗ ${problem}`);
  for (const note of result.notes) lines.push(`  • ${note}`);
  lines.push(
    result.ok
      ? 'Verdict: looks healthy.'
      : 'Verdict: FeedTray could not use this feed as it is (see ✗ above).',
  );
  return lines;
}
