// The packaging pitfalls, checked on the real package (packed onto a stand-in Electron, see
// scripts/package-check.ts; built and packed here when missing or stale) and, for each rule, on a
// hand-made bad input that it must catch.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkPackedApp,
  ensurePacked,
  openPackedApp,
  readPackageJson,
  root,
  runtimeFilesOf,
} from '../../scripts/package-check.ts';
import {
  appUserModelIdProblems,
  contentProblems,
  mainBundleProblems,
  preloadProblems,
  rendererProblems,
  type PackageJson,
  type PackedApp,
} from '../../scripts/package-rules.ts';
import { runtimeFileProblems } from '../../scripts/app-path-calls.ts';
import { trayCountSuffixes, trayStates } from '../../scripts/make-icons.ts';
import type { TrayIconState } from '../../src/main/platform/tray-model.ts';

// The icon script draws exactly the states the tray shows (a type error here otherwise).
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const iconStatesMatchTray: SameUnion<TrayIconState, (typeof trayStates)[number]> = true;

let app: PackedApp;
let unpackedDir: string;
const pkg: PackageJson = readPackageJson();

beforeAll(async () => {
  const packed = await ensurePacked();
  unpackedDir = packed.unpackedDir;
  app = openPackedApp(packed.asarPath);
}, 300_000);

/** The real package with some files taken out or put in. */
function edited(change: { without?: (file: string) => boolean; with?: Record<string, string> }): PackedApp {
  const extra = new Map(Object.entries(change.with ?? {}));
  const files = new Set([...app.files].filter((file) => !change.without?.(file)));
  for (const file of extra.keys()) files.add(file);
  return {
    files,
    read: (file) => (extra.has(file) ? Buffer.from(extra.get(file)!) : app.read(file)),
  };
}

describe('the packed app', () => {
  it('passes every check package:check runs', () => {
    expect(iconStatesMatchTray).toBe(true);
    const failed = checkPackedApp(app, root, unpackedDir).filter((result) => result.problems.length > 0);
    expect(failed).toEqual([]);
  });

  it('keeps the unpacked app where other checks look for it', () => {
    expect(
      existsSync(join(root, 'release', 'package-check', 'linux-unpacked', 'resources', 'app.asar')),
    ).toBe(true);
    const executable = statSync(join(unpackedDir, 'feedtray'));
    // Windows keeps no executable bit; elsewhere the renamed stand-in must still be executable.
    if (process.platform !== 'win32') expect(executable.mode & 0o111).not.toBe(0);
  });
});

describe('preload', () => {
  it('is one CommonJS file whose only require is electron', () => {
    expect(preloadProblems(app.read('out/preload/index.cjs').toString('utf8'))).toEqual([]);
  });

  it('is flagged when it requires a local module', () => {
    const code = `const { contextBridge } = require("electron");\nconst api = require("./api.cjs");\ncontextBridge.exposeInMainWorld("feedtray", api);\n`;
    expect(preloadProblems(code)).toEqual([expect.stringContaining('loads "./api.cjs"')]);
  });

  it('is flagged when it is an ES module or requires a package or a computed name', () => {
    expect(preloadProblems(`import { contextBridge } from "electron";\n`)).toContainEqual(
      expect.stringContaining('is not a CommonJS script'),
    );
    expect(preloadProblems(`const z = require("zod");\n`)).toEqual([expect.stringContaining('loads "zod"')]);
    expect(preloadProblems(`const m = require(name);\n`)).toEqual([
      expect.stringContaining('non-literal require(name'),
    ]);
  });
});

describe('files main opens at run time', () => {
  it('are all in app.asar: preload, renderer, app icon and the tray icon of every state and count on every OS', () => {
    expect(runtimeFileProblems(app, runtimeFilesOf())).toEqual([]);
    const trayIcons = runtimeFilesOf().get('trayIconPath')!;
    expect(trayIcons).toContain('resources/tray/tray-dnd.png');
    expect(trayIcons).toContain('resources/tray/tray-errorTemplate@2x.png');
    expect(trayIcons).toContain('resources/tray/tray-urgent-9plus@2x.png');
    // Per state: the template, the plain colour icon and one per unread count, each with its @2x.
    expect(trayIcons).toHaveLength(trayStates.length * 2 * (2 + trayCountSuffixes.length));
  });

  it('are flagged when an icon is left out of the package', () => {
    const withoutIcon = edited({ without: (file) => file === 'resources/tray/tray-paused@2x.png' });
    expect(runtimeFileProblems(withoutIcon, runtimeFilesOf())).toEqual([
      expect.stringContaining(
        '(trayIconPath) can load resources/tray/tray-paused@2x.png, which is not in app.asar',
      ),
    ]);
    const withoutAppIcon = edited({ without: (file) => file === 'resources/icon.png' });
    expect(runtimeFileProblems(withoutAppIcon, runtimeFilesOf())).toContainEqual(
      expect.stringContaining('loads resources/icon.png, which is not in app.asar'),
    );
  });

  it('are flagged when main computes a path nobody enumerated', () => {
    const main = `import { app } from "electron";\nfunction localeFile(appPath, lang) {\n\treturn appPath("locales", lang + ".json");\n}\n`;
    const withLocale = edited({ with: { 'out/main/index.js': main } });
    expect(runtimeFileProblems(withLocale, runtimeFilesOf())).toEqual([
      expect.stringContaining('opens a computed appPath(...) in localeFile'),
    ]);
  });
});

describe('main bundle', () => {
  it('is ESM as package.json says and imports nothing that is not shipped', () => {
    expect(pkg.type).toBe('module');
    expect(mainBundleProblems(app, pkg)).toEqual([]);
  });

  it('is flagged when it is CommonJS, requires a local file or uses __dirname', () => {
    const cjs = `"use strict";\nconst electron = require("electron");\nconst tray = require("./tray.js");\nconst icon = require("path").join(__dirname, "icon.png");\nmodule.exports = { icon };\n`;
    const problems = mainBundleProblems(edited({ with: { 'out/main/index.js': cjs } }), pkg);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('has no import/export statement'),
        expect.stringContaining('assigns module.exports'),
        expect.stringContaining('requires the local file ./tray.js'),
        expect.stringContaining('uses __dirname'),
        expect.stringContaining('out/main/tray.js is not in app.asar'),
      ]),
    );
  });

  it('is flagged when it imports a devDependency or an unlisted package', () => {
    const main = `import { app } from "electron";\nimport { build } from "vite";\nimport left from "left-pad";\nexport { app, build, left };\n`;
    expect(mainBundleProblems(edited({ with: { 'out/main/index.js': main } }), pkg)).toEqual([
      expect.stringContaining('imports "vite", a devDependency'),
      expect.stringContaining('imports "left-pad", which package.json does not list'),
    ]);
  });
});

describe('contents', () => {
  const expected = () => ({
    resources: [...app.files].filter((file) => file.startsWith('resources/')),
    productionPackages: new Set(['eventsource', 'eventsource-parser', 're2js', 'zod']),
  });

  it('hold the production dependencies, and neither sources, tests, maps nor devDependencies', () => {
    for (const name of Object.keys(pkg.dependencies ?? {}))
      expect(app.files).toContain(`node_modules/${name}/package.json`);
    for (const name of Object.keys(pkg.devDependencies ?? {})) {
      expect([...app.files].some((file) => file.startsWith(`node_modules/${name}/`))).toBe(false);
    }
    expect([...app.files].filter((file) => /^(src|test|bench|docs|scripts)\/|\.map$/.test(file))).toEqual([]);
  });

  it('are flagged when a source file, a source map or a devDependency slips in', () => {
    const leaky = edited({
      with: {
        'src/main/index.ts': '',
        'out/main/index.js.map': '{}',
        'node_modules/vitest/package.json': '{}',
        'node_modules/left-pad/package.json': '{}',
      },
    });
    expect(contentProblems(leaky, pkg, expected())).toEqual([
      'should not be in app.asar: src',
      'should not be in app.asar: source map out/main/index.js.map',
      'should not be in app.asar: node_modules/vitest (a devDependency)',
      'should not be in app.asar: node_modules/left-pad (not needed by any production dependency)',
    ]);
  });

  it('are flagged when an icon or a dependency is missing', () => {
    const missing = edited({
      without: (file) =>
        file === 'resources/tray/tray-dndTemplate.png' || file.startsWith('node_modules/zod/'),
    });
    expect(contentProblems(missing, pkg, expected())).toEqual([
      'missing from app.asar: resources/tray/tray-dndTemplate.png',
      'missing from app.asar: node_modules/zod (a production dependency)',
    ]);
  });
});

describe('renderer', () => {
  it('is flagged when index.html references a missing asset or remote content', () => {
    const html = `<!doctype html><script type="module" src="./assets/gone.js"></script><link rel="stylesheet" href="https://cdn.example/x.css">`;
    expect(rendererProblems(edited({ with: { 'out/renderer/index.html': html } }))).toEqual([
      expect.stringContaining('out/renderer/assets/gone.js is not in app.asar'),
      expect.stringContaining('loads remote content https://cdn.example/x.css'),
    ]);
  });
});

describe('AppUserModelId', () => {
  it('is flagged when main sets another id than the appId, or none', () => {
    expect(
      appUserModelIdProblems(`app.setAppUserModelId("com.electron.feedtray");`, 'com.feedtray.app'),
    ).toEqual([expect.stringContaining(`but the installer's shortcut carries "com.feedtray.app"`)]);
    expect(appUserModelIdProblems(`app.whenReady();`, 'com.feedtray.app')).toEqual([
      expect.stringContaining('never calls app.setAppUserModelId'),
    ]);
  });
});
