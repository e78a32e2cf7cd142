// The GitHub Actions workflows are validated here, offline, with action-validator (the workflow JSON
// schema from SchemaStore, compiled to WebAssembly), so a typo fails `npm test` instead of the next push.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (name: string) => readFileSync(join(root, '.github', 'workflows', name), 'utf8');

describe('workflow files', () => {
  it.each(['ci.yml', 'release.yml'])('%s is a valid GitHub Actions workflow', (name) => {
    expect(validateWorkflow(read(name)).errors).toEqual([]);
  });

  it('the validator catches a misspelt key (it really validates)', () => {
    const typo = read('ci.yml').replace('runs-on:', 'run-on:');
    expect(validateWorkflow(typo).errors.length).toBeGreaterThan(0);
    const badTrigger = read('release.yml').replace('push:', 'pushed:');
    expect(validateWorkflow(badTrigger).errors.length).toBeGreaterThan(0);
  });
});

describe('ci.yml', () => {
  const ci = read('ci.yml');

  it('runs on push and pull request on Linux, Windows and macOS with the Node of .nvmrc', () => {
    expect(ci).toMatch(/^on:\n {2}push:\n {2}pull_request:/m);
    expect(ci).toContain('os: [ubuntu-latest, windows-latest, macos-latest]');
    expect(ci).toContain('node-version-file: .nvmrc');
  });

  it('downloads the real Electron and runs npm test, then the self-test from source and packaged', () => {
    expect(ci).not.toMatch(/^[^#\n]*ELECTRON_SKIP_BINARY_DOWNLOAD/m);
    expect(ci).toContain('run: npm ci');
    expect(ci).toContain('run: npm test');
    expect(ci).toContain('xvfb-run -a dbus-run-session -- npx electron . --self-test');
    expect(ci).toMatch(/electron-builder --dir --linux/);
    expect(ci).toContain('release/linux-unpacked/feedtray --self-test');
    expect(ci).toContain('release/win-unpacked/FeedTray.exe --self-test');
    expect(ci).toContain('release/mac-arm64/FeedTray.app/Contents/MacOS/FeedTray --self-test');
  });
});

describe('release.yml', () => {
  const release = read('release.yml');

  it('builds installers on each OS for a v* tag and attaches them to the release', () => {
    expect(release).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*'\]/m);
    expect(release).toContain('os: [ubuntu-latest, windows-latest, macos-latest]');
    expect(release).toContain('npm run dist -- --publish never');
    expect(release).toContain('uses: softprops/action-gh-release@v2');
    for (const kind of ['AppImage', 'deb', 'exe', 'dmg']) expect(release).toContain(`installers/*.${kind}`);
  });
});
