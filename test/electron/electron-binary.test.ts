import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.ts';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

describe('finding the real Electron for the window tests', () => {
  it('names what is missing when the binary was never downloaded', async () => {
    root = await mkdtemp(join(tmpdir(), 'feedtray-electron-lookup-'));
    await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
    const found = findElectronBinary(root);
    expect(found.ok).toBe(false);
    expect(!found.ok && found.reason).toMatch(/path\.txt is missing.*ELECTRON_SKIP_BINARY_DOWNLOAD/);
  });

  it('finds the executable that path.txt names, and says where it looked when it is gone', async () => {
    root = await mkdtemp(join(tmpdir(), 'feedtray-electron-lookup-'));
    const pkg = join(root, 'node_modules', 'electron');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toEqual({
      ok: false,
      reason: `no Electron binary at ${join(pkg, 'dist', 'electron')}`,
    });
    await writeFile(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toEqual({ ok: true, path: join(pkg, 'dist', 'electron') });
  });

  it('CI runs npm test with the real Electron required, so those tests are never silently left out there', () => {
    const ci = readFileSync(join(import.meta.dirname, '..', '..', '.github', 'workflows', 'ci.yml'), 'utf8');
    expect(ci).toMatch(/run: npm test\n\s+env:\n\s+FEEDTRAY_REQUIRE_ELECTRON: '1'/);
  });
});
