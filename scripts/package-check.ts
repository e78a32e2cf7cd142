#!/usr/bin/env node
// `npm run package:check`: packs the built app (run `npm run build` first) with electron-builder and the
// project's electron-builder.yml, Linux target `dir`, onto a stand-in Electron distribution (the real
// binary cannot be downloaded everywhere this runs), then opens the produced app.asar and checks it
// against scripts/package-rules.ts and scripts/app-path-calls.ts. The unpacked app stays in
// release/package-check/linux-unpacked.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import {
  appUserModelIdProblems,
  bundledFileProblems,
  contentProblems,
  entryPoints,
  mainBundleProblems,
  manifestProblems,
  preloadProblems,
  rendererProblems,
  type PackageJson,
  type PackedApp,
} from './package-rules.ts';
import { appPathCalls, runtimeFileProblems } from './app-path-calls.ts';
import { trayCountSuffixes, trayStates } from './make-icons.ts';
import { trayIconPath } from '../src/main/platform/tray.ts';
import { SOUND_NAMES } from '../src/shared/sounds.ts';

/** The repository this script belongs to (a temporary copy of it works the same way). */
export const root = join(import.meta.dirname, '..');
/** Where the check packs to; test/packaging reads the unpacked app from here. */
export const packageCheckDir = join(root, 'release', 'package-check');
export const unpackedDir = join(packageCheckDir, 'linux-unpacked');
export const asarPath = join(unpackedDir, 'resources', 'app.asar');
/** electron-builder on a small CI machine takes well under a minute; this bounds a hang. */
const packTimeoutMs = 240_000;

export function readPackageJson(dir = root): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** appId and productName from electron-builder.yml (top-level scalar keys; no YAML library needed). */
export function builderConfig(dir = root): { appId: string; productName: string } {
  const yml = readFileSync(join(dir, 'electron-builder.yml'), 'utf8');
  const key = (name: string): string => {
    const match = new RegExp(`^${name}:\\s*['"]?([^'"\\n#]+?)['"]?\\s*(#.*)?$`, 'm').exec(yml);
    if (!match) throw new Error(`electron-builder.yml has no top-level ${name}`);
    return match[1]!;
  };
  return { appId: key('appId'), productName: key('productName') };
}

/** Every file under a folder of the repository, as posix paths relative to the repository. */
export function filesUnder(dir: string, base = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(base, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The production dependencies and everything they depend on, as installed in node_modules. */
export function productionPackages(pkg: PackageJson, dir = root): Set<string> {
  const names = new Set<string>();
  const visit = (name: string): void => {
    if (names.has(name)) return;
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return; // an optional dependency for another platform
    names.add(name);
    const dep = JSON.parse(readFileSync(manifest, 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const next of Object.keys({ ...dep.dependencies, ...dep.optionalDependencies })) visit(next);
  };
  for (const name of Object.keys(pkg.dependencies ?? {})) visit(name);
  return names;
}

/**
 * A stand-in Electron distribution for a Linux `dir` target. Found by trying: electron-builder 26 needs
 * only the `electron` executable (it renames it to linux.executableName; ENOENT without it) and moves a
 * `LICENSE` next to it to LICENSE.electron.txt when there is one; with `electronVersion` given it reads no
 * `version` file, and `resources/default_app.asar` is only deleted from downloaded zips, so neither is
 * needed. The `version` file is written anyway, as in the real distribution.
 */
export function makeStandInElectron(dir: string, electronVersion: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'electron'),
    `#!/bin/sh\necho "stand-in for Electron ${electronVersion} (scripts/package-check.ts): it cannot run the app" >&2\nexit 1\n`,
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license (MIT).\n');
}

/** Packs the built app with electron-builder onto the stand-in Electron; returns the unpacked folder. */
export async function packApp(
  dir = root,
): Promise<{ unpackedDir: string; asarPath: string; durationMs: number }> {
  for (const file of Object.values(entryPoints)) {
    if (!existsSync(join(dir, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const electronVersion = (
    JSON.parse(readFileSync(join(dir, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const standIn = mkdtempSync(join(tmpdir(), 'feedtray-electron-dist-'));
  const output = join(dir, 'release', 'package-check');
  const started = Date.now();
  try {
    makeStandInElectron(standIn, electronVersion);
    rmSync(output, { recursive: true, force: true });
    const { build, Platform, Arch } = await import('electron-builder');
    const packing = build({
      projectDir: dir,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        electronDist: standIn,
        electronVersion,
        // No native modules to rebuild, and no network needed for it.
        npmRebuild: false,
        directories: { output },
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`electron-builder did not finish within ${packTimeoutMs / 1000} s`)),
        packTimeoutMs,
      );
    });
    await Promise.race([packing, timeout]).finally(() => clearTimeout(timer));
  } finally {
    rmSync(standIn, { recursive: true, force: true });
  }
  const unpacked = join(output, 'linux-unpacked');
  return {
    unpackedDir: unpacked,
    asarPath: join(unpacked, 'resources', 'app.asar'),
    durationMs: Date.now() - started,
  };
}

/** The files the package is made from; a package older than any of them is stale. */
function packageInputs(dir: string): string[] {
  return [
    ...filesUnder(join(dir, 'out'), dir).filter((file) => !file.startsWith('out/package-check/')),
    ...filesUnder(join(dir, 'resources'), dir),
    'package.json',
    'electron-builder.yml',
  ];
}

/** Whether release/package-check holds a package at least as new as everything it is made from. */
export function isPackageFresh(dir = root): boolean {
  const archive = join(dir, 'release', 'package-check', 'linux-unpacked', 'resources', 'app.asar');
  if (!existsSync(archive)) return false;
  const packedAtMs = statSync(archive).mtimeMs;
  return packageInputs(dir).every(
    (file) => existsSync(join(dir, file)) && statSync(join(dir, file)).mtimeMs <= packedAtMs,
  );
}

/**
 * Builds (only when out/ lacks an entry point) and packs (only when the package is missing or stale):
 * what test/packaging needs before it can look at a package.
 */
export async function ensurePacked(dir = root): Promise<{ unpackedDir: string; asarPath: string }> {
  if (Object.values(entryPoints).some((file) => !existsSync(join(dir, file)))) {
    const build = spawnSync(process.execPath, [join(dir, 'scripts', 'build.mjs')], {
      cwd: dir,
      stdio: 'inherit',
      timeout: 180_000,
    });
    if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`);
  }
  if (!isPackageFresh(dir)) return packApp(dir);
  const unpacked = join(dir, 'release', 'package-check', 'linux-unpacked');
  return { unpackedDir: unpacked, asarPath: join(unpacked, 'resources', 'app.asar') };
}

/** Opens an app.asar: its file list (posix, no leading slash; directories left out) and a reader. */
export function openPackedApp(archive: string): PackedApp {
  // @electron/asar lists and looks up entries with the OS's separator; the rules use posix paths.
  const native = new Map<string, string>();
  for (const entry of listPackage(archive, { isPack: false })) {
    const nativePath = entry.replace(/^[\\/]/, '');
    const stat = statFile(archive, nativePath) as object;
    if (!('files' in stat) && !('link' in stat)) native.set(nativePath.split('\\').join('/'), nativePath);
  }
  return {
    files: new Set(native.keys()),
    read: (path) => extractFile(archive, native.get(path) ?? path),
  };
}

/**
 * The files an `appPath(...)` call with computed segments can open, per the function it sits in: the
 * tray icon of every state on every OS, without a number and with every unread count the icons show
 * (Electron also loads the `@2x` file next to each).
 */
export function runtimeFilesOf(): Map<string, string[]> {
  const join = (...segments: string[]) => segments.join('/');
  // 0 is no number; 1-9 each have a file; 10 stands for every count above 9.
  const unreadCounts = Array.from({ length: trayCountSuffixes.length + 1 }, (_, count) => count);
  const trayIcons = trayStates.flatMap((state) =>
    (['linux', 'win32', 'darwin'] as const).flatMap((platform) =>
      unreadCounts.flatMap((unread) => {
        const file = trayIconPath(join, state, platform, unread);
        return [file, file.replace(/\.png$/, '@2x.png')];
      }),
    ),
  );
  return new Map([['trayIconPath', [...new Set(trayIcons)]]]);
}

/** The notification sounds the app offers (src/shared/sounds.ts) and the licence they ship under. */
export const bundledSoundFiles: readonly string[] = [
  ...SOUND_NAMES.map((name) => `resources/sounds/${name}.wav`),
  'resources/sounds/LICENSE.md',
];

/** What the appPath(...) calls of the main bundle open, in a few words. */
function describeAppPathCalls(mainCode: string): string {
  const computed = runtimeFilesOf();
  const named = new Set<string>();
  for (const call of appPathCalls(mainCode)) {
    if (call.resolved) named.add(call.resolved.file);
    else if (call.enclosingFunction && computed.has(call.enclosingFunction)) {
      named.add(`${computed.get(call.enclosingFunction)!.length} files via ${call.enclosingFunction}()`);
    } else named.add(`a computed path in ${call.enclosingFunction ?? 'an anonymous function'}`);
  }
  return [...named].join(', ') || 'no calls found';
}

/** One named check and the problems it found. */
export interface CheckResult {
  name: string;
  detail: string;
  problems: string[];
}

/** Runs every rule over a packed app. */
export function checkPackedApp(app: PackedApp, dir = root, unpacked = unpackedDir): CheckResult[] {
  const pkg = readPackageJson(dir);
  const config = builderConfig(dir);
  const resources = filesUnder(join(dir, 'resources'), dir);
  const production = productionPackages(pkg, dir);
  const mainCode = app.files.has(entryPoints.main) ? app.read(entryPoints.main).toString('utf8') : '';
  const preloadCode = app.files.has(entryPoints.preload)
    ? app.read(entryPoints.preload).toString('utf8')
    : null;
  const executable = join(unpacked, 'feedtray');
  return [
    {
      name: 'contents',
      detail: `entry points, ${resources.length} files of resources/, ${production.size} production packages (${[...production].join(', ')}); no sources, tests, docs, source maps or devDependencies`,
      problems: contentProblems(app, pkg, { resources, productionPackages: production }),
    },
    {
      name: 'package.json',
      detail: `main ${entryPoints.main}, type module, productName ${config.productName}`,
      problems: manifestProblems(app, { productName: config.productName }),
    },
    {
      name: 'preload',
      detail: `${entryPoints.preload} is one CommonJS file whose only require is electron`,
      problems:
        preloadCode === null ? [`${entryPoints.preload} is not in app.asar`] : preloadProblems(preloadCode),
    },
    {
      name: 'main',
      detail: `${entryPoints.main} is ESM as package.json says; imports only electron, node: built-ins, dependencies and packed chunks`,
      problems: mainBundleProblems(app, pkg),
    },
    {
      name: 'runtime files',
      detail: `every file main opens through appPath(...) is in app.asar: ${describeAppPathCalls(mainCode)}`,
      problems: runtimeFileProblems(app, runtimeFilesOf()),
    },
    {
      name: 'sounds',
      detail: `the notification sounds ${SOUND_NAMES.join(', ')} and their LICENSE.md are in resources/sounds`,
      problems: bundledFileProblems(app, bundledSoundFiles, 'notification sound'),
    },
    {
      name: 'renderer',
      detail: `${entryPoints.renderer} and every script, stylesheet and asset it loads are in app.asar; nothing remote`,
      problems: rendererProblems(app),
    },
    {
      name: 'AppUserModelId',
      detail: `main sets the Windows AppUserModelId to the appId ${config.appId}`,
      problems: appUserModelIdProblems(mainCode, config.appId),
    },
    {
      name: 'unpacked app',
      detail:
        'the executable feedtray, resources/app.asar and the Electron license sit in the unpacked folder',
      problems: [
        ...(existsSync(executable) ? [] : [`${executable} is missing (linux.executableName)`]),
        ...(existsSync(join(unpacked, 'LICENSE.electron.txt')) ? [] : ['LICENSE.electron.txt is missing']),
      ],
    },
  ];
}

async function main(): Promise<number> {
  console.log('package-check: packing with electron-builder onto a stand-in Electron (Linux, target dir)…');
  const packed = await packApp();
  const app = openPackedApp(packed.asarPath);
  const results = checkPackedApp(app, root, packed.unpackedDir);
  const sizeKiB = Math.round(statSync(packed.asarPath).size / 1024);
  console.log(
    `\npackage-check: ${relative(root, packed.unpackedDir)} (app.asar ${sizeKiB} KiB, ${app.files.size} files), packed in ${(packed.durationMs / 1000).toFixed(1)} s`,
  );
  for (const result of results) {
    console.log(`  ${result.problems.length === 0 ? 'ok  ' : 'FAIL'} ${result.name}: ${result.detail}`);
    for (const problem of result.problems) console.log(`         - ${problem}`);
  }
  writeFileSync(
    join(packageCheckDir, 'summary.json'),
    `${JSON.stringify({ unpackedDir: packed.unpackedDir, asarPath: packed.asarPath, results }, null, 2)}\n`,
  );
  const failed = results.filter((result) => result.problems.length > 0);
  console.log(
    failed.length === 0
      ? `package-check: all ${results.length} checks passed; unpacked app in ${packed.unpackedDir}`
      : `package-check: ${failed.length} of ${results.length} checks FAILED (${failed.map((result) => result.name).join(', ')})`,
  );
  return failed.length === 0 ? 0 : 1;
}

if (import.meta.main) {
  let status = 1;
  try {
    status = await main();
  } catch (error) {
    console.error(`package-check: FAILED: ${(error as Error).message}`);
  }
  // Exit explicitly: electron-builder leaves handles open and resets process.exitCode.
  process.exit(status);
}
