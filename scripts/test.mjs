#!/usr/bin/env node
// The whole test command: every check CI runs, in order, and one closing line `N passed, N failed`.
// A vitest step counts its tests; any other step counts as one check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { findElectronBinary } from '../test/electron/electron-binary.ts';

const reportDir = mkdtempSync(join(tmpdir(), 'feedtray-test-'));
const vitestReport = (name) => join(reportDir, `${name.replace(/\W/g, '-')}.json`);

/** A vitest run that reports its counts through a JSON file. */
const vitest = (name, ...args) => ({
  name,
  vitest: true,
  cmd: [
    'npx',
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestReport(name)}`,
  ],
});

/** @type {{ name: string, cmd: string[], vitest?: boolean }[]} */
const npmRun = (script) => ({ name: script, cmd: ['npm', 'run', '--silent', script] });
/** An executable on PATH, or null. */
const onPath = (name) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path)) ?? null;

/**
 * The window in the real Electron runs only where the Electron binary is installed (and, on Linux, a
 * display or xvfb-run exists); elsewhere it is not run and not counted, and the run says so.
 * FEEDTRAY_REQUIRE_ELECTRON=1 (CI) turns its absence into a failure.
 */
function electronStep() {
  const binary = findElectronBinary(process.cwd());
  const step = vitest('electron-e2e', '--config', 'vitest.electron.config.ts');
  let reason = binary.ok ? null : binary.reason;
  if (!reason && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    const xvfb = onPath('xvfb-run');
    if (!xvfb) reason = 'no display (set DISPLAY, or install xvfb-run)';
    else
      step.cmd = [
        'xvfb-run',
        '-a',
        ...(onPath('dbus-run-session') ? ['dbus-run-session', '--'] : []),
        ...step.cmd,
      ];
  }
  if (!reason) return { step, notRun: null };
  if (process.env.FEEDTRAY_REQUIRE_ELECTRON) return { step: { ...step, missing: reason }, notRun: null };
  return {
    step: null,
    notRun: `electron-e2e: NOT RUN (${reason}); the window was not tested in the real Electron`,
  };
}
const electron = electronStep();

const steps = [
  npmRun('typecheck'),
  npmRun('lint'),
  npmRun('build'),
  vitest('unit+integration'),
  vitest('e2e', '--config', 'vitest.e2e.config.ts'),
  ...(electron.step ? [electron.step] : []),
  vitest('chaos', '--config', 'vitest.chaos.config.ts'),
  npmRun('package:check'),
  npmRun('security'),
  npmRun('self-test'),
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  if (step.missing) {
    console.log(`\n=== ${step.name}: FAILED: ${step.missing}`);
    failed += 1;
    failures.push(step.name);
    continue;
  }
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const started = Date.now();
  // npm and npx are .cmd files on Windows, which only a shell can start.
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  const ok = result.status === 0;
  console.log(
    `=== ${step.name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${Date.now() - started} ms`,
  );
  if (step.vitest) {
    const counts = readVitestCounts(step.name);
    if (counts) {
      passed += counts.passed;
      failed += counts.failed;
      if (!ok && counts.failed === 0) failed += 1; // e.g. an unhandled error outside any test
    } else {
      failed += 1;
    }
  } else if (ok) passed += 1;
  else failed += 1;
  if (!ok) failures.push(step.name);
}
rmSync(reportDir, { recursive: true, force: true });
if (electron.notRun) console.log(`\n${electron.notRun}`);
if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);

function readVitestCounts(name) {
  try {
    const report = JSON.parse(readFileSync(vitestReport(name), 'utf8'));
    if (report.numTotalTests === 0) return { passed: 0, failed: 1 }; // a run that ran nothing has failed
    return { passed: report.numPassedTests, failed: report.numFailedTests };
  } catch (error) {
    console.log(`=== ${name}: could not read the test report: ${error.message}`);
    return null;
  }
}
