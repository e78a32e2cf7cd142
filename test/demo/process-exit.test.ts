import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverModule = fileURLToPath(new URL('../../src/demo/server.ts', import.meta.url));

// Runs in a separate Node process: only there does "the process exits by itself" mean anything.
const script = `
import { startDemoServer } from ${JSON.stringify(serverModule)};
const server = await startDemoServer({ tickMs: 10, newsEveryMs: 10, alertsEveryMs: 10, heartbeatMs: 10 });
const response = await fetch(server.feedUrls.rates);
const reader = response.body.getReader();
await reader.read();
await server.close();
while (!(await reader.read()).done);
console.log('closed with', server.connections(), 'connections');
`;

describe('demo server shutdown', () => {
  it('lets the process exit on its own after close(), with a client still connected', async () => {
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      // The timeout kills a process that hangs, which is exactly the failure this test looks for.
      execFile(
        process.execPath,
        ['--input-type=module', '--eval', script],
        { timeout: 15_000, killSignal: 'SIGKILL' },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
      );
    });
    expect(stderr).toBe('');
    expect(stdout.trim()).toBe('closed with 0 connections');
    expect(code).toBe(0);
  });
});
