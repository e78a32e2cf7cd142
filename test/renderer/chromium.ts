/**
 * Which Chromium the window tests (and the window benchmark) drive: CHROMIUM_PATH when set, else the
 * usual install places of Chrome or Chromium on this OS, else Debian's `/usr/bin/chromium`. A developer's
 * Mac or Windows machine with Chrome installed then runs `npm test` without setting anything.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The flags every run uses: headless, no GPU, nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The found browser, or a sentence naming every place that was tried. */
export type ChromiumLookup = { ok: true; path: string } | { ok: false; message: string };

/** What the lookup reads from the machine; tests pass their own. */
export interface ChromiumHost {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
}

const LAST_RESORT = '/usr/bin/chromium';

/** The usual install paths of Chrome and Chromium on `platform`, most likely first. */
export function chromiumCandidates(platform: NodeJS.Platform, env: ChromiumHost['env']): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    const roots = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => `${root}/${app}`));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (root): root is string => Boolean(root),
    );
    const inRoots = (relative: string) => roots.map((root) => `${root}\\${relative}`);
    return [
      ...inRoots('Google\\Chrome\\Application\\chrome.exe'),
      ...inRoots('Chromium\\Application\\chrome.exe'),
      // Edge is Chromium too, and every Windows machine has it.
      ...inRoots('Microsoft\\Edge\\Application\\msedge.exe'),
    ];
  }
  return [
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

/** Finds the browser: CHROMIUM_PATH, then the OS's usual paths, then `/usr/bin/chromium`. */
export function findChromium(
  host: ChromiumHost = { platform: process.platform, env: process.env, exists: existsSync },
): ChromiumLookup {
  const chosen = host.env.CHROMIUM_PATH;
  if (chosen) {
    // A path the user set on purpose is not second-guessed: a typo there should be seen, not skipped.
    if (host.exists(chosen)) return { ok: true, path: chosen };
    return {
      ok: false,
      message: `CHROMIUM_PATH is set to ${chosen}, but nothing is there. Point it at Chrome or Chromium, or unset it to search the usual places.`,
    };
  }
  const tried = [...chromiumCandidates(host.platform, host.env), LAST_RESORT];
  const found = tried.find((path) => host.exists(path));
  if (found) return { ok: true, path: found };
  return {
    ok: false,
    message: `No Chrome or Chromium found for the window tests. Tried: ${tried.join(', ')}. Install Chrome or Chromium, or set CHROMIUM_PATH to its executable.`,
  };
}

/** The browser's path; throws the lookup's sentence when there is none (a test run cannot go on). */
export function chromiumPath(): string {
  const lookup = findChromium();
  if (!lookup.ok) throw new Error(lookup.message);
  return lookup.path;
}
