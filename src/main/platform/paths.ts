import { isHttpProtocol } from '../../shared/presentation/link.ts';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppApi } from './deps.ts';

/** Resolves a path inside the app (the repo in development, `app.asar` when packaged). */
export type AppPath = (...segments: string[]) => string;

/**
 * The ONE way to reach the app's own files. `app.getAppPath()` is the folder with package.json, or the
 * `app.asar` archive once packaged; Electron's `fs` reads inside the archive, so joined paths work in both.
 */
export function createAppPath(app: Pick<AppApi, 'getAppPath'>): AppPath {
  const root = app.getAppPath();
  return (...segments) => join(root, ...segments);
}

/** Where the main window's page comes from: the built files, or the Vite dev server in development. */
export type RendererSource =
  { kind: 'file'; path: string; url: string } | { kind: 'dev-server'; url: string; origin: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The renderer's source. `VITE_DEV_SERVER_URL` is honoured only in an unpackaged app and only on
 * loopback: a packaged app must never load its privileged window from anywhere but its own files.
 */
export function rendererSource(
  appPath: AppPath,
  options: { isPackaged: boolean; devServerUrl: string | undefined },
): RendererSource {
  const dev = options.isPackaged ? null : parseDevServerUrl(options.devServerUrl);
  if (dev) return { kind: 'dev-server', url: dev.href, origin: dev.origin };
  const path = appPath('out', 'renderer', 'index.html');
  return { kind: 'file', path, url: pathToFileURL(path).href };
}

function parseDevServerUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return isHttpProtocol(url.protocol) && LOOPBACK_HOSTS.has(url.hostname) ? url : null;
  } catch {
    return null;
  }
}

/** Whether `url` is the app's own page: the same file (any hash or query), or the dev server's origin. */
export function isRendererUrl(source: RendererSource, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (source.kind === 'dev-server') return parsed.origin === source.origin;
  const expected = new URL(source.url);
  return parsed.protocol === 'file:' && samePath(parsed.pathname, expected.pathname);
}

function samePath(a: string, b: string): boolean {
  // Windows paths are case-insensitive; Chromium may report the drive letter in another case.
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
