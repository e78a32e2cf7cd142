/**
 * Where the real Electron binary is, found without `require('electron')` (which downloads it when it is
 * missing). scripts/test.mjs asks this before deciding whether the real-Electron tests can run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable installed in `root`/node_modules/electron, or a sentence saying why there is none. */
export function findElectronBinary(root: string): { ok: true; path: string } | { ok: false; reason: string } {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      ok: false,
      reason: `no Electron binary: ${pathFile} is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or the download failed)`,
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const path = join(dist, relative);
  if (!existsSync(path)) return { ok: false, reason: `no Electron binary at ${path}` };
  return { ok: true, path };
}
