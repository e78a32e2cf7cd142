import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore, type HistoryProblem } from '../../src/main/pipeline/history.ts';
import { SettingsStore } from '../../src/main/settings/store.ts';
import { FixedKeyTestSecretBox } from '../support/fixed-key-test-secret-box.ts';
import { openStream, startTestServer, type TestServer } from '../support/sse-server.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { committedSeq, trapProcessErrors } from './support.ts';

const KILLS = 8;
const SEED = Number(process.env.CHAOS_SEED ?? 20_240_607);
const CHILD = join(import.meta.dirname, 'kill-child.ts');

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A feed that resumes from Last-Event-ID and sends 10 events every 20 ms (500/s) for as long as asked. */
function tickServer(): Promise<TestServer> {
  return startTestServer((req, res) => {
    openStream(res);
    const header = req.headers['last-event-id'];
    let seq = typeof header === 'string' ? Number(header) : 0;
    const timer = setInterval(() => {
      let frames = '';
      for (let i = 0; i < 10; i++) {
        seq++;
        frames += `id: ${seq}\ndata: {"feed":"ticks","seq":${seq}}\n\n`;
      }
      res.write(frames);
    }, 20);
    res.on('close', () => clearInterval(timer));
  });
}

interface Round {
  killedAfterMs: number;
  ackedRev: number;
  ackedSeq: number;
  /** Seqs whose notification was shown before the kill. */
  notified: number[];
  leftoverTempFiles: string[];
}

/** Starts the child, lets it write for `runMs` after it is ready, SIGKILLs it; resolves what it acknowledged. */
async function runAndKill(userData: string, url: string, runMs: number): Promise<Round> {
  const child = spawn(process.execPath, [CHILD, userData, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const round: Round = {
    killedAfterMs: runMs,
    ackedRev: 0,
    ackedSeq: 0,
    notified: [],
    leftoverTempFiles: [],
  };
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    const bootTimer = setTimeout(() => reject(new Error(`child not ready in 15 s: ${stderr}`)), 15_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message: { ready?: boolean; settingsRev?: number; historySeq?: number; notified?: number };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        return; // a line cut by the kill
      }
      if (message.ready) {
        clearTimeout(bootTimer);
        killTimer = setTimeout(() => child.kill('SIGKILL'), runMs);
        resolve();
      }
      if (message.settingsRev !== undefined) round.ackedRev = message.settingsRev;
      if (message.historySeq !== undefined) round.ackedSeq = message.historySeq;
      if (message.notified !== undefined) round.notified.push(message.notified);
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited early (${code ?? signal}): ${stderr}`));
    });
  });
  try {
    await ready;
    await exited;
  } finally {
    clearTimeout(killTimer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  return round;
}

describe('FeedTray killed while it writes', () => {
  it('leaves settings and history that load, hold every notified event and never notify one twice', async () => {
    const trap = trapProcessErrors();
    try {
      server = await tickServer();
      dir = await mkdtemp(join(tmpdir(), 'feedtray-kill-'));
      const random = seededRandom(SEED);
      const rounds: Round[] = [];
      let duplicates = 0;
      const notified: number[] = [];
      const resumes: string[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        const requestsBefore = server.requests.length;
        const round = await runAndKill(dir, server.url, 150 + Math.floor(random() * 1350));
        const resumedFrom = Number(server.requests[requestsBefore]?.headers['last-event-id'] ?? 0);
        const heldBefore = rounds.at(-1)?.ackedSeq ?? 0;
        resumes.push(`${resumedFrom}/${heldBefore}`);
        // A restart resumes at least from what history held: nothing it kept is fetched again.
        expect(resumedFrom, `round ${kill}: resumed from`).toBeGreaterThanOrEqual(heldBefore);
        round.leftoverTempFiles = (await readdir(dir)).filter((name) => name.includes('.tmp'));
        rounds.push(round);

        // Settings: valid JSON on disk, and it loads with no problem and the last saved change.
        const text = await readFile(join(dir, 'settings.json'), 'utf8');
        expect(() => JSON.parse(text) as unknown, `round ${kill}: settings.json`).not.toThrow();
        const { store, problems } = await SettingsStore.open({ dir, secretBox: new FixedKeyTestSecretBox() });
        expect(problems, `round ${kill}`).toEqual([]);
        const rev = Number(/rev (\d+)/.exec(store.feeds().find((feed) => feed.id === 'rev')!.name)![1]);
        expect(rev, `round ${kill}: settings revision`).toBeGreaterThanOrEqual(round.ackedRev);
        expect(store.preferences().historySize).toBe(100_000);

        // History: the database opens with no problem (nothing to set aside), holds every event
        // acknowledged and every event notified before the kill, and holds each event once.
        const historyProblems: HistoryProblem[] = [];
        const history = new HistoryStore({ dir, onProblem: (problem) => historyProblems.push(problem) });
        const report = await history.load();
        expect(historyProblems, `round ${kill}: history problems`).toEqual([]);
        expect(report.persistent).toBe(true);
        expect(report.events).toBeGreaterThan(0);
        await history.close();
        const db = new DatabaseSync(join(dir, 'history.db'), { readOnly: true });
        expect(db.prepare('PRAGMA integrity_check').get(), `round ${kill}`).toEqual({
          integrity_check: 'ok',
        });
        const rows = db.prepare("SELECT data FROM events WHERE feed = 'ticks'").all() as { data: string }[];
        db.close();
        const seqs = rows.flatMap((row) => committedSeq(row.data, 'ticks') ?? []);
        const stored = new Set(seqs);
        if (round.ackedSeq > 0)
          expect(Math.max(...seqs), `round ${kill}`).toBeGreaterThanOrEqual(round.ackedSeq);
        const lost = round.notified.filter((seq) => !stored.has(seq));
        expect(lost, `round ${kill}: notified but not in history`).toEqual([]);
        notified.push(...round.notified);
        duplicates += seqs.length - stored.size;
      }
      const notifiedTwice = notified.length - new Set(notified).size;
      console.log(
        `kill: ${KILLS} SIGKILLs after ${rounds.map((r) => r.killedAfterMs).join(', ')} ms; ` +
          `acknowledged settings revisions ${rounds.map((r) => r.ackedRev).join(', ')}; ` +
          `history seq ${rounds.map((r) => r.ackedSeq).join(', ')}; ` +
          `temp files left by ${rounds.filter((r) => r.leftoverTempFiles.length > 0).length} kills; ` +
          `notifications ${rounds.map((r) => r.notified.length).join(', ')} (shown twice: ${notifiedTwice}); ` +
          `duplicate events in history across restarts: ${duplicates}; ` +
          `resumed from Last-Event-ID / history held before: ${resumes.join(', ')}`,
      );
      expect(rounds.every((round) => round.ackedRev > 0 && round.ackedSeq > 0)).toBe(true);
      expect(rounds.every((round) => round.notified.length > 0)).toBe(true);
      expect(notifiedTwice, 'events notified twice across restarts').toBe(0);
      expect(duplicates, 'events stored twice across restarts').toBe(0);
      expect(trap.errors).toEqual([]);
    } finally {
      trap.stop();
    }
  });
});
