import { afterEach, describe, expect, it } from 'vitest';
import { IdGapWatch } from '../../../src/main/feeds/id-gaps.ts';
import { connect, type Recorded } from '../../support/connect.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../../support/sse-server.ts';

describe('IdGapWatch', () => {
  const run = (ids: string[]) => {
    const watch = new IdGapWatch();
    let now = 0;
    const warnings: string[] = [];
    for (const id of ids) {
      now += 1000;
      if (id === 'drop') watch.disconnected(now);
      else {
        const warning = watch.observe(id, now);
        if (warning) warnings.push(warning.message);
      }
    }
    return warnings;
  };

  it('warns when counting ids carry on higher after a reconnect, with how many and for how long', () => {
    expect(run(['1', '2', '3', '4', 'drop', '9'])).toEqual([
      'About 4 events were probably missed while disconnected for 1 s (ids 5–8): the server did not resume from the last id',
    ]);
  });

  it('stays quiet when the server resumed, when ids jump anyway, or are not numbers', () => {
    expect(run(['1', '2', '3', '4', 'drop', '5', '6'])).toEqual([]);
    expect(run(['1000', '2500', '2600', '9000', 'drop', '12000'])).toEqual([]);
    expect(run(['a', 'b', 'c', 'd', 'drop', 'z'])).toEqual([]);
    expect(run(['1', '2', '3', '4', '9'])).toEqual([]); // a jump while connected is the server's own business
    expect(run(['1', '2', '3', '4', 'drop', '3'])).toEqual([]); // a replay: dedupe's business
    expect(run(['99999999999999999999', 'drop', '1'])).toEqual([]);
  });
});

let server: TestServer | undefined;
let recorded: Recorded | undefined;
afterEach(async () => {
  recorded?.connection.stop();
  await server?.close();
  server = recorded = undefined;
});

describe('a server that ignores Last-Event-ID', () => {
  it('gets a warning on the feed status that events were probably missed', async () => {
    let next = 1;
    server = await startTestServer((_req, res, index) => {
      openStream(res);
      res.write('retry: 1000\n\n');
      if (index === 1) next += 5; // published while we were away, and not replayed
      for (let n = 0; n < 4; n++) res.write(`id: ${next}\ndata: e${next++}\n\n`);
      if (index === 0) res.end();
    });
    recorded = connect(server.url);
    await waitFor(() => recorded!.events.length === 8, 'both streams');
    expect(server.requests[1]!.headers['last-event-id']).toBe('4');
    expect(recorded.connection.status.warning).toMatchObject({ code: 'events-missed' });
    expect(recorded.connection.status.warning?.message).toContain('About 5 events were probably missed');
  });
});
