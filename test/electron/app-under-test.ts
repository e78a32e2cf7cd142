/**
 * The built app in the real Electron, driven by Playwright's `_electron`: its real main process, real
 * preload, real IPC sender checks, over a fresh user-data folder. The app folder handed to Electron is a
 * temporary one holding out/preload, out/renderer and resources (what `app.getAppPath()` must contain)
 * and an entry that points `userData` at the temp folder before loading the repository's out/main, so a
 * developer's own FeedTray (its settings, its single-instance lock) is never touched.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from './electron-binary.ts';

const repoRoot = join(import.meta.dirname, '..', '..');

/** A running app and its window. */
export interface ElectronAppUnderTest {
  app: ElectronApplication;
  window: Page;
  close(): Promise<void>;
}

/** Starts the built app (run `npm run build` first) and waits until its window has loaded. */
export async function startElectronApp(): Promise<ElectronAppUnderTest> {
  const binary = findElectronBinary(repoRoot);
  if (!binary.ok) throw new Error(`The real-Electron tests cannot run: ${binary.reason}.`);
  const appDir = await mkdtemp(join(tmpdir(), 'feedtray-electron-app-'));
  const userData = await mkdtemp(join(tmpdir(), 'feedtray-electron-data-'));
  for (const part of [join('out', 'preload'), join('out', 'renderer'), 'resources']) {
    await cp(join(repoRoot, part), join(appDir, part), { recursive: true });
  }
  const main = pathToFileURL(join(repoRoot, 'out', 'main', 'index.js')).href;
  await writeFile(
    join(appDir, 'package.json'),
    JSON.stringify({ name: 'feedtray', productName: 'FeedTray', type: 'module', main: 'e2e-main.js' }),
  );
  // The repository's main bundle resolves its dependencies from the repository's node_modules.
  await writeFile(
    join(appDir, 'e2e-main.js'),
    `import { app } from 'electron';\napp.setPath('userData', process.env.FEEDTRAY_E2E_USER_DATA);\nawait import(${JSON.stringify(main)});\n`,
  );
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [appDir],
    env: { ...(process.env as Record<string, string>), FEEDTRAY_E2E_USER_DATA: userData },
    timeout: 60_000,
  });
  const window = await app.firstWindow();
  await window.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  return {
    app,
    window,
    close: async () => {
      // A tray app does not quit when its window closes; quit it the way the tray's Quit item does.
      await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined);
      await app.close().catch(() => undefined);
      await rm(appDir, { recursive: true, force: true });
      await rm(userData, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
