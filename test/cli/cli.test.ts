import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, run } from '../support/cli-run.ts';
import { openStream, startTestServer, type TestServer } from '../support/sse-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('feedtray listen', () => {
  it('prints exactly one JSON object per line and exits 0 after --max-events, a 200 KB event arriving whole', async () => {
    const big = 'x'.repeat(200 * 1024);
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write(
        `id: 1\ndata: small\n\nevent: other\ndata: skipped\n\nid: 2\ndata: ${big}\n\ndata: after\n\n`,
      );
    });
    const { code, stdout, stderr } = await run([
      'listen',
      `${server.url}/feed`,
      '--json',
      '--max-events',
      '2',
    ]);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const events = lines.filter((line) => line.type === 'event');
    expect(events).toEqual([
      { type: 'event', event: 'message', id: '1', data: 'small' },
      { type: 'event', event: 'message', id: '2', data: big },
    ]);
    expect(lines.filter((line) => line.type === 'status').slice(0, 2)).toEqual([
      { type: 'status', state: 'connecting', reason: 'starting', attempt: 0 },
      { type: 'status', state: 'open', reason: 'open', attempt: 0 },
    ]);
    expect(stderr).toContain('[open] Connected');
  });

  it('delivers the named types asked for and sends headers and the Last-Event-ID given', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('data: plain\n\nevent: alert\ndata: loud\n\n');
    });
    const { code, stdout } = await run([
      'listen',
      server.url,
      '--event',
      'alert',
      '--header',
      'Authorization: Bearer abc',
      '--last-event-id',
      '99',
      '--max-events',
      '1',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ alert: loud\n$/);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer abc');
    expect(server.requests[0]!.headers['last-event-id']).toBe('99');
  });

  it('keeps running through failures, reporting each as a status line', async () => {
    server = await startTestServer((_req, res, index) => {
      if (index < 2) {
        res.writeHead(503);
        return res.end();
      }
      openStream(res);
      res.write('data: finally\n\n');
    });
    const { code, stdout } = await run(['listen', server.url, '--json', '--max-events', '1']);
    expect(code).toBe(0);
    const statuses = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; reason?: string; attempt?: number });
    expect(statuses.filter((s) => s.reason === 'http-status').length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s.type === 'event')).toEqual([
      { type: 'event', event: 'message', id: '', data: 'finally' },
    ]);
    expect(statuses.at(-1)).toEqual({ type: 'status', state: 'closed', reason: 'stopped', attempt: 0 });
  });

  for (const [name, args, message] of [
    ['a non-http URL', ['listen', 'ftp://example.com/feed'], 'http:// or https://'],
    ['a missing URL', ['listen'], 'missing <url>'],
    [
      'a malformed header',
      ['listen', 'http://127.0.0.1:9/x', '--header', 'no colon'],
      'expected "Name: value"',
    ],
    [
      'a header with a bad name',
      ['listen', 'http://127.0.0.1:9/x', '--header', 'Bad Name: v'],
      'Header name',
    ],
    ['an unknown option', ['listen', 'http://127.0.0.1:9/x', '--bogus'], "Unknown option '--bogus'"],
    [
      'a header value outside Latin-1',
      ['listen', 'http://127.0.0.1:9/x', '--header', 'X-Token: pa€€word'],
      '--header "X-Token": Header values must be Latin-1 (ISO-8859-1) text',
    ],
    [
      'a header value outside Latin-1 (check)',
      ['check', 'http://127.0.0.1:9/x', '--header', 'X-Token: pa€€word'],
      'use percent-encoding or base64',
    ],
    [
      'a non-numeric --max-events',
      ['listen', 'http://127.0.0.1:9/x', '--max-events', '1e'],
      '--max-events 1e',
    ],
    ['an unknown command', ['frobnicate'], 'unknown command'],
  ] as const) {
    it(`rejects ${name} with a clear message and exit code 2`, async () => {
      const { code, stdout, stderr } = await run([...args]);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(stdout).toBe('');
    });
  }
});

describe('feedtray and credentials', () => {
  const password = 'p%C3%A4ss%40word';
  const decoded = 'päss@word';
  const basic = `Basic ${Buffer.from(`me:${decoded}`).toString('base64')}`;

  it('never echoes a header value it refuses', async () => {
    const { stderr } = await run(['listen', 'http://127.0.0.1:9/x', '--header', 'X-Token: pa€€word']);
    expect(stderr).not.toContain('pa€€word');
  });

  it('listen sends user:password from the address as Basic auth and never prints it', async () => {
    server = await startTestServer((req, res) => {
      if (req.headers.authorization !== basic) {
        res.writeHead(401);
        return res.end();
      }
      openStream(res);
      res.write('data: in\n\n');
    });
    const url = server.url.replace('http://', `http://me:${password}@`);
    const { code, stdout, stderr } = await run(['listen', `${url}/feed`, '--json', '--max-events', '1']);
    expect(code).toBe(0);
    expect(stdout).toContain('"data":"in"');
    for (const text of [stdout, stderr]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(decoded);
    }
  });

  it('listen never prints the password while the connection fails', async () => {
    const closed = await startTestServer(() => undefined);
    const url = closed.url.replace('http://', `http://me:${password}@`);
    await closed.close();
    const { stdout, stderr } = await run(['listen', url, '--json'], {
      until: (out) => out.split('"type":"status"').length > 3,
    });
    expect(stdout).toContain('"reason":"refused"');
    expect(stdout + stderr).not.toContain(password);
  });

  it('check uses the credentials and reports the address without them', async () => {
    server = await startTestServer((req, res) => {
      if (req.headers.authorization !== basic) {
        res.writeHead(401);
        return res.end();
      }
      openStream(res);
      res.write(': hi\n\nid: 1\ndata: x\n\n');
    });
    const url = server.url.replace('http://', `http://me:${password}@`);
    const json = await run(['check', `${url}/feed`, '--json', '--listen', '1']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, url: `${server.url}/feed` });
    const text = await run(['check', `${url}/feed`, '--listen', '1']);
    expect(text.stdout).toContain(`Checking ${server.url}/feed`);
    for (const output of [json.stdout, text.stdout, json.stderr, text.stderr])
      expect(output).not.toContain(password);
  });
});

describe('feedtray listen status lines', () => {
  it('prints one line per failed attempt, each with its next try', async () => {
    server = await startTestServer((_req, res, index) => {
      if (index < 2) {
        res.writeHead(503);
        return res.end();
      }
      openStream(res);
      res.write('data: finally\n\n');
    });
    const { code, stderr } = await run(['listen', server.url, '--max-events', '1']);
    expect(code).toBe(0);
    const failures = stderr.split('\n').filter((line) => line.includes('HTTP 503'));
    expect(failures).toHaveLength(2);
    for (const line of failures)
      expect(line).toMatch(
        /^\[connecting\] HTTP 503 Service Unavailable \(attempt \d, next try in [\d.]+ s\)$/,
      );
  });
});

describe('feedtray check', () => {
  it('reports a healthy feed with its retry, ids and heartbeat', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write(': hello\n\nretry: 1500\n\nid: 1\ndata: {"a":1}\n\nid: 2\ndata: two\n\n');
    });
    const { code, stdout } = await run(['check', server.url, '--json', '--listen', '1']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      ok: true,
      httpStatus: 200,
      retryMs: 1500,
      idsPresent: true,
      heartbeatSeen: true,
      eventTypes: ['message'],
    });
  });

  it('explains a 401 in plain words and exits 1', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    const { code, stdout } = await run(['check', server.url]);
    expect(code).toBe(1);
    expect(stdout).toContain('HTTP 401 Unauthorized: the server wants credentials');
  });

  it('recognises a web page served instead of a stream', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Please log in</body></html>');
    });
    const { code, stdout } = await run(['check', server.url]);
    expect(code).toBe(1);
    expect(stdout).toContain('not an event stream: text/html');
    expect(stdout).toContain('looks like a web page');
  });

  it('calls out a stream that stays silent', async () => {
    server = await startTestServer((_req, res) => openStream(res));
    const { code, stdout } = await run(['check', server.url, '--listen', '1']);
    expect(code).toBe(1);
    expect(stdout).toContain('nothing arrived in 1 s, not even a heartbeat');
  });
});

describe('feedtray demo', () => {
  it('serves the demo feeds on 127.0.0.1 and listen reads rates from it', async () => {
    let demoOut = '';
    const demo = spawn(process.execPath, [BIN, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      demo.stdout.setEncoding('utf8').on('data', (chunk: string) => (demoOut += chunk));
      const deadline = Date.now() + 15_000;
      while (!/rates\s+(http:\S+)/.test(demoOut) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const ratesUrl = /rates\s+(http:\S+)/.exec(demoOut)?.[1];
      expect(ratesUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rates$/);
      const { code, stdout } = await run(['listen', ratesUrl!, '--json', '--max-events', '3']);
      expect(code).toBe(0);
      const events = stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; data?: string })
        .filter((l) => l.type === 'event');
      expect(events).toHaveLength(3);
      for (const event of events)
        expect(Number.isFinite((JSON.parse(event.data!) as { rate: number }).rate)).toBe(true);
    } finally {
      demo.kill('SIGINT');
    }
  });
});
