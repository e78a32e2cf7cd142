import { afterEach, describe, expect, it } from 'vitest';
import { checkFeed } from '../../../src/main/feeds/check.ts';
import { startMercureHub, type MercureHub } from '../../support/mercure-hub.ts';
import { startNtfyServer, type NtfyServer } from '../../support/ntfy-server.ts';
import { openStream, startTestServer, type TestServer } from '../../support/sse-server.ts';

let ntfy: NtfyServer | undefined;
let hub: MercureHub | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await ntfy?.close();
  await hub?.close();
  await server?.close();
  ntfy = hub = server = undefined;
});

const check = (url: string) =>
  checkFeed({ url, fetch: globalThis.fetch, listenMs: 300, diagnoseResume: true });

describe('checkFeed names the server and diagnoses resuming', () => {
  it('recognises ntfy and finds that it resumes with since=', async () => {
    ntfy = await startNtfyServer();
    ntfy.publish('alerts', { message: 'a' });
    ntfy.publish('alerts', { message: 'b' });
    const result = await check(`${ntfy.url}/alerts/sse`);
    expect(result.preset).toBe('ntfy');
    expect(result.notes.join('\n')).toContain('choose the ntfy preset');
    expect(result.resume?.verdict).toBe('resumes');
    expect(result.resume?.message).toContain('?since=');
    // The probe asked for recent messages, then from the first of them.
    expect(ntfy.requests.map((request) => request.path).slice(1)).toEqual([
      '/alerts/sse?since=12h',
      expect.stringMatching(/^\/alerts\/sse\?since=m0001/),
    ]);
  });

  it('recognises a Mercure hub by its well-known path', async () => {
    hub = await startMercureHub();
    const result = await check(`${hub.url}/.well-known/mercure?topic=a`);
    expect(result.preset).toBe('mercure');
    // A quiet hub: nothing to resume from, and the silence is the problem named first.
    expect(result.resume).toBeNull();
    expect(result.problems.join('\n')).toContain('nothing arrived');
  });

  it('says a server resumes by Last-Event-ID when it does', async () => {
    server = await startTestServer((req, res) => {
      const after = Number(req.headers['last-event-id'] ?? 0);
      openStream(res);
      for (let id = after + 1; id <= 4; id++) res.write(`id: ${id}\ndata: n${id}\n\n`);
    });
    const result = await check(server.url);
    expect(result.preset).toBeNull();
    expect(result.resume?.verdict).toBe('resumes');
    expect(server.requests[1]!.headers['last-event-id']).toBe('1');
  });

  it('says a server that replays from the start ignores the position', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: a\n\nid: 2\ndata: b\n\n');
    });
    expect((await check(server.url)).resume?.verdict).toBe('replays-from-start');
  });

  it('warns that events are missed when reconnecting from an earlier id brings nothing after it', async () => {
    let connection = 0;
    server = await startTestServer((_req, res) => {
      openStream(res);
      if (connection++ === 0) res.write('id: 1\ndata: a\n\nid: 2\ndata: b\n\n');
      else res.write('id: 9\ndata: only new\n\n');
    });
    const result = await check(server.url);
    expect(result.resume?.verdict).toBe('ignores-position');
    expect(result.resume?.message).toContain('will be missed');
  });
});
