import { afterEach, describe, expect, it } from 'vitest';
import { run, startCli, type RunningCli } from '../support/cli-run.ts';
import { startMercureHub, type MercureHub } from '../support/mercure-hub.ts';
import { startNtfyServer, type NtfyServer } from '../support/ntfy-server.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../support/sse-server.ts';

let ntfy: NtfyServer | undefined;
let hub: MercureHub | undefined;
let server: TestServer | undefined;
const running: RunningCli[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) await cli.kill();
  await ntfy?.close();
  await hub?.close();
  await server?.close();
  ntfy = hub = server = undefined;
});

/** The `--json` event lines of a run. */
const eventsOf = (cli: RunningCli) => cli.json().filter((line) => line.type === 'event');

function listen(args: string[]): RunningCli {
  const cli = startCli(['listen', ...args, '--json']);
  running.push(cli);
  return cli;
}

describe('feedtray listen --preset ntfy', () => {
  it('killed and restarted with --last-event-id prints every message published meanwhile once, in order', async () => {
    ntfy = await startNtfyServer({ retryMs: 1000 });
    const published: string[] = [];
    const publish = (text: string) => published.push(ntfy!.publish('alerts', { message: text }).id);
    publish('before the first start'); // inside the 12 h a first connect asks for
    const first = listen([`${ntfy.url}/alerts`, '--preset', 'ntfy']);
    await waitFor(() => ntfy!.subscribers() === 1, 'the subscription', 15_000);
    publish('while connected 1');
    ntfy.keepalive();
    publish('while connected 2');
    await waitFor(() => eventsOf(first).length === 3, 'three events', 15_000);
    ntfy.dropAll();
    await waitFor(() => ntfy!.subscribers() === 0, 'the drop');
    publish('while dropped 1');
    publish('while dropped 2');
    await waitFor(() => eventsOf(first).length === 5, 'the catch-up after the drop', 15_000);
    await first.kill();
    const lastId = eventsOf(first).at(-1)!.id as string;
    publish('while down 1');
    publish('while down 2');
    const second = listen([`${ntfy.url}/alerts`, '--preset', 'ntfy', '--last-event-id', lastId]);
    await waitFor(() => eventsOf(second).length === 2, 'the catch-up after the restart', 15_000);
    publish('after the restart');
    await waitFor(() => eventsOf(second).length === 3, 'the last one', 15_000);

    const printed = [...eventsOf(first), ...eventsOf(second)];
    expect(printed.map((event) => event.id)).toEqual(published);
    expect(printed.map((event) => (JSON.parse(event.data as string) as { message: string }).message)).toEqual(
      [
        'before the first start',
        'while connected 1',
        'while connected 2',
        'while dropped 1',
        'while dropped 2',
        'while down 1',
        'while down 2',
        'after the restart',
      ],
    );
    expect(printed.every((event) => event.event === 'message')).toBe(true);
    expect(ntfy.requests.map((request) => new URL(request.path, ntfy!.url).pathname)).toEqual(
      Array(ntfy.requests.length).fill('/alerts/sse'),
    );
  }, 60_000);

  it('--id-pointer and --resume-param serve any server with ids in its JSON', async () => {
    server = await startTestServer((req, res) => {
      const since = new URL(req.url ?? '/', 'http://x').searchParams.get('after');
      openStream(res);
      const from = since === null ? 1 : Number(since) + 1;
      for (let n = from; n <= 3; n++) res.write(`data: {"seq":${n},"text":"n${n}"}\n\n`);
    });
    const { stdout } = await run(
      ['listen', server.url, '--id-pointer', '/seq', '--resume-param', 'after', '--last-event-id', '1'],
      { until: (out) => out.split('\n').length > 2 },
    );
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stdout).toContain('#2:');
    expect(stdout).toContain('#3:');
    expect(server.requests[0]!.path).toBe('/?after=1');
  });
});

describe('feedtray listen dedupes in memory', () => {
  it('a replay of identical events after a reconnect is not printed again; a reused id with new data is', async () => {
    server = await startTestServer((_req, res, index) => {
      openStream(res);
      res.write('retry: 1000\n\nid: 1\ndata: a\n\nid: 2\ndata: b\n\n');
      if (index === 0) res.end();
      else res.write('id: 2\ndata: b, again but new\n\nid: 3\ndata: c\n\n');
    });
    const cli = listen([server.url]);
    await waitFor(() => eventsOf(cli).length === 4, 'four events', 15_000);
    expect(eventsOf(cli).map((event) => `${String(event.id)}=${String(event.data)}`)).toEqual([
      '1=a',
      '2=b',
      '2=b, again but new',
      '3=c',
    ]);
  });
});

describe('feedtray listen --preset mercure', () => {
  it('resumes by Last-Event-ID and lastEventID after a restart', async () => {
    hub = await startMercureHub();
    const topic = 'https://example.com/books/1';
    const url = `${hub.url}/.well-known/mercure?topic=${encodeURIComponent(topic)}`;
    const first = listen([url, '--preset', 'mercure']);
    await waitFor(() => hub!.subscribers() === 1, 'the subscription', 15_000);
    hub.publish(topic, '{"n":1}');
    await waitFor(() => eventsOf(first).length === 1, 'one update', 15_000);
    await first.kill();
    hub.publish(topic, '{"n":2}');
    const second = listen([url, '--preset', 'mercure', '--last-event-id', eventsOf(first)[0]!.id as string]);
    await waitFor(() => eventsOf(second).length === 1, 'the catch-up', 15_000);
    expect(eventsOf(second)[0]!.data).toBe('{"n":2}');
    const resumed = hub.requests[1]!;
    expect(resumed.headers['last-event-id']).toBe(eventsOf(first)[0]!.id);
    expect(new URL(resumed.path, hub.url).searchParams.get('lastEventID')).toBe(eventsOf(first)[0]!.id);
  }, 30_000);

  it('refuses a hub address without a topic, saying what is missing', async () => {
    const { code, stderr } = await run([
      'listen',
      'http://127.0.0.1:9/.well-known/mercure',
      '--preset',
      'mercure',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('names at least one topic');
  });

  it('refuses a preset it does not know', async () => {
    const { code, stderr } = await run(['listen', 'http://127.0.0.1:9/x', '--preset', 'gotify']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected one of generic, ntfy, mercure');
  });
});

describe('feedtray check on the servers people run', () => {
  it('names the ntfy preset and says the server resumes', async () => {
    ntfy = await startNtfyServer();
    ntfy.publish('alerts', { message: 'a' });
    ntfy.publish('alerts', { message: 'b' });
    const { code, stdout } = await run(['check', `${ntfy.url}/alerts/sse`, '--listen', '1']);
    expect(code).toBe(0);
    expect(stdout).toContain('server: ntfy (use --preset ntfy)');
    expect(stdout).toContain('resume: resumes');
  });

  it('checks an ntfy topic URL with --preset ntfy and a Mercure hub by name', async () => {
    ntfy = await startNtfyServer();
    const topic = await run(['check', `${ntfy.url}/alerts`, '--preset', 'ntfy', '--listen', '1', '--json']);
    expect(JSON.parse(topic.stdout)).toMatchObject({
      ok: true,
      preset: 'ntfy',
      url: `${ntfy.url}/alerts/sse`,
    });
    hub = await startMercureHub();
    const mercure = await run(['check', `${hub.url}/.well-known/mercure?topic=a`, '--listen', '1']);
    expect(mercure.stdout).toContain('server: mercure (use --preset mercure)');
  });
});
