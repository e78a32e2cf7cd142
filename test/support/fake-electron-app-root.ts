import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The stand-in page: the fake renders nothing, it only needs the file the app loads to exist. */
const STAND_IN_PAGE = '<!doctype html><meta charset="utf-8"><title>FeedTray (fake)</title>\n';

/**
 * Makes `dir` look like the app's package for the fake's `app.getAppPath()`: the preload bundled from
 * the current src/preload with the options scripts/build.mjs uses (one CommonJS file, only `electron`
 * external), a stand-in out/renderer/index.html, and a copy of resources/ (icons). Tests and the fake self-test thus run the preload
 * as it would ship, without depending on a stale out/ folder.
 */
export async function prepareFakeAppRoot(dir: string): Promise<{ preloadPath: string; pagePath: string }> {
  const preloadDir = join(dir, 'out', 'preload');
  await build({
    configFile: false,
    logLevel: 'error',
    root: repoRoot,
    build: {
      outDir: preloadDir,
      emptyOutDir: true,
      target: 'node24',
      sourcemap: false,
      minify: false,
      ssr: join(repoRoot, 'src', 'preload', 'index.ts'),
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: 'index.cjs', codeSplitting: false },
      },
    },
    ssr: { noExternal: true, external: ['electron'] },
  });
  const pageDir = join(dir, 'out', 'renderer');
  await mkdir(pageDir, { recursive: true });
  const pagePath = join(pageDir, 'index.html');
  await writeFile(pagePath, STAND_IN_PAGE);
  // The real icons, where they exist yet, so a missing or misnamed one shows up as the tray's warning.
  const resources = join(repoRoot, 'resources');
  if (existsSync(resources)) await cp(resources, join(dir, 'resources'), { recursive: true });
  return { preloadPath: join(preloadDir, 'index.cjs'), pagePath };
}
