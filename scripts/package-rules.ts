// The rules a packed FeedTray app.asar must satisfy, as pure functions over the archive's file list and
// contents. Each returns the problems it finds as sentences (an empty list means the rule holds), so
// `npm run package:check` can print them and test/packaging can feed them hand-made bad inputs.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { Script } from 'node:vm';

/** A packed app: the files in app.asar (posix paths without a leading slash) and a way to read one. */
export interface PackedApp {
  readonly files: ReadonlySet<string>;
  read(path: string): Buffer;
}

/** The parts of package.json the rules read. */
export interface PackageJson {
  name: string;
  main?: string;
  type?: string;
  productName?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The packed app's own entry points (see scripts/build.mjs). */
export const entryPoints = {
  main: 'out/main/index.js',
  preload: 'out/preload/index.cjs',
  renderer: 'out/renderer/index.html',
} as const;

/** Top-level folders and files of the repository that never belong in the package. */
const forbiddenTopLevel = [
  /^src\//,
  /^test\//,
  /^bench\//,
  /^docs\//,
  /^scripts\//,
  /^bin\//,
  /^build\//,
  /^release\//,
  /^\.[^/]+/, // .github, .ci, .tools, dotfiles
  /^tsconfig[^/]*\.json$/,
  /^(vite|vitest)[^/]*\.config\.[cm]?[jt]s$/,
  /^eslint\.config\.[cm]?js$/,
  /^electron-builder\.ya?ml$/,
  /^package-lock\.json$/,
];

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** The package a bare import specifier names: `zod/v4` -> `zod`, `@scope/pkg/x` -> `@scope/pkg`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module specifier a bundle imports or requires with a string literal, plus the non-literal ones. */
export function moduleSpecifiers(code: string): { literal: string[]; dynamic: string[] } {
  const literal = new Set<string>();
  const dynamic: string[] = [];
  const patterns = [
    /\bimport\s+(?:[\w$*{}\s,]+?\s+from\s+)?(['"])([^'"\n]+)\1/g, // import x from 'm'; import 'm'
    /\bexport\s+(?:\*|\{[^}]*\})\s*(?:as\s+[\w$]+\s+)?from\s+(['"])([^'"\n]+)\1/g, // export * from 'm'
    /\bimport\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g, // import('m')
    /\brequire\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g, // require('m')
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) literal.add(match[2]!);
  for (const match of code.matchAll(/\b(require|import)\s*\(\s*(?!['"`][^'"`\n]*['"`]\s*\))([^)]{0,40})/g)) {
    dynamic.push(`${match[1]}(${match[2]!.trim()}…)`);
  }
  return { literal: [...literal], dynamic };
}

/** Line number (1-based) of an offset, for messages. */
export function lineOf(code: string, offset: number): number {
  return code.slice(0, offset).split('\n').length;
}

/**
 * The preload runs in a sandboxed renderer: it must be one CommonJS file, and its `require` can load
 * `electron` and nothing else (a local chunk or an npm package would throw at startup).
 */
export function preloadProblems(code: string, path = entryPoints.preload): string[] {
  const problems: string[] = [];
  try {
    // The CommonJS wrapper: an `import`/`export` statement is a syntax error inside it.
    new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
      filename: path,
    });
  } catch (error) {
    problems.push(`${path} is not a CommonJS script: ${(error as Error).message}`);
  }
  const { literal, dynamic } = moduleSpecifiers(code);
  for (const specifier of literal) {
    if (specifier !== 'electron') {
      problems.push(
        `${path} loads "${specifier}": a sandboxed preload can require only "electron", so bundle it in`,
      );
    }
  }
  for (const call of dynamic) {
    problems.push(`${path} has a non-literal ${call}: a sandboxed preload can require only "electron"`);
  }
  return problems;
}

/**
 * The main bundle must be in the module format package.json declares (`type: module` -> ESM), load no
 * local file through `require`, not rely on CommonJS-only globals, and import only Electron, Node
 * built-ins, production dependencies and its own chunks (which must be in the package).
 */
export function mainBundleProblems(app: PackedApp, pkg: PackageJson, path = entryPoints.main): string[] {
  const problems: string[] = [];
  if (!app.files.has(path)) return [`${path} (package.json "main") is not in app.asar`];
  const code = app.read(path).toString('utf8');
  const esm = pkg.type === 'module' && !path.endsWith('.cjs');
  if (esm) {
    if (!/^\s*(import|export)\b/m.test(code)) {
      problems.push(`${path} has no import/export statement, yet package.json "type": "module" makes it ESM`);
    }
    if (/\bmodule\.exports\b|^\s*exports\.\w+\s*=/m.test(code)) {
      problems.push(`${path} assigns module.exports/exports: CommonJS output where package.json says ESM`);
    }
    const localRequire = /\brequire\s*\(\s*['"`](\.{1,2}\/[^'"`]*)/.exec(code);
    if (localRequire) {
      problems.push(
        `${path}:${lineOf(code, localRequire.index)} requires the local file ${localRequire[1]} with require(): an ES module imports it`,
      );
    }
    for (const name of ['__dirname', '__filename']) {
      const declared = new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(code);
      const used = new RegExp(`(?<![.\\w$])${name}\\b`).exec(code);
      if (used && !declared) {
        problems.push(
          `${path}:${lineOf(code, used.index)} uses ${name}, which does not exist in an ES module (use import.meta.dirname)`,
        );
      }
    }
  }
  problems.push(...importProblems(app, pkg, code, path));
  return problems;
}

/** Every import of a bundle resolves inside the package and is never a devDependency. */
export function importProblems(app: PackedApp, pkg: PackageJson, code: string, path: string): string[] {
  const problems: string[] = [];
  const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));
  const devDependencies = new Set(Object.keys(pkg.devDependencies ?? {}));
  const { literal, dynamic } = moduleSpecifiers(code);
  for (const call of dynamic) problems.push(`${path} has a non-literal ${call}: it cannot be checked`);
  for (const specifier of literal) {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = posix.normalize(posix.join(posix.dirname(path), specifier));
      if (!app.files.has(target))
        problems.push(`${path} imports "${specifier}", but ${target} is not in app.asar`);
      continue;
    }
    if (specifier === 'electron' || nodeBuiltins.has(specifier)) continue;
    const name = packageNameOf(specifier);
    if (devDependencies.has(name) && !dependencies.has(name)) {
      problems.push(
        `${path} imports "${specifier}", a devDependency: electron-builder leaves it out of app.asar (make it a dependency or bundle it)`,
      );
    } else if (!dependencies.has(name)) {
      problems.push(`${path} imports "${specifier}", which package.json does not list as a dependency`);
    } else if (!app.files.has(`node_modules/${name}/package.json`)) {
      problems.push(`${path} imports "${specifier}", but node_modules/${name} is not in app.asar`);
    }
  }
  return problems;
}

/** The files index.html loads (scripts, styles, icons), and the files those scripts and styles load. */
export function rendererProblems(app: PackedApp, htmlPath = entryPoints.renderer): string[] {
  if (!app.files.has(htmlPath)) return [`${htmlPath} is not in app.asar`];
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue: { from: string; ref: string }[] = [];
  const html = app.read(htmlPath).toString('utf8');
  for (const match of html.matchAll(/\b(?:src|href)\s*=\s*(['"])([^'"]+)\1/g)) {
    queue.push({ from: htmlPath, ref: match[2]! });
  }
  if (queue.length === 0) problems.push(`${htmlPath} references no script or stylesheet`);
  while (queue.length > 0) {
    const { from, ref } = queue.shift()!;
    if (/^(https?:)?\/\//i.test(ref)) {
      problems.push(`${from} loads remote content ${ref}: the app's windows load only packaged files`);
      continue;
    }
    if (/^(data|blob|about|#|mailto:)/i.test(ref)) continue;
    const target = posix.normalize(posix.join(posix.dirname(from), ref.split(/[?#]/)[0]!));
    if (seen.has(target)) continue;
    seen.add(target);
    if (!app.files.has(target)) {
      problems.push(`${from} references ${ref}, but ${target} is not in app.asar`);
      continue;
    }
    if (target.endsWith('.js')) {
      const code = app.read(target).toString('utf8');
      for (const specifier of moduleSpecifiers(code).literal) {
        if (specifier.startsWith('.')) queue.push({ from: target, ref: specifier });
        else problems.push(`${target} imports "${specifier}": renderer code must be bundled`);
      }
    } else if (target.endsWith('.css')) {
      const css = app.read(target).toString('utf8');
      for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g))
        queue.push({ from: target, ref: match[2]! });
    }
  }
  return problems;
}

/**
 * What is packed: the entry points, every file of resources/ in the repository, the production
 * dependencies (and theirs), and nothing else: no sources, tests, docs, source maps or dev tools.
 */
export function contentProblems(
  app: PackedApp,
  pkg: PackageJson,
  expected: { resources: string[]; productionPackages: ReadonlySet<string> },
): string[] {
  const problems: string[] = [];
  const required = [
    'package.json',
    entryPoints.main,
    entryPoints.preload,
    entryPoints.renderer,
    ...expected.resources,
  ];
  for (const file of required) if (!app.files.has(file)) problems.push(`missing from app.asar: ${file}`);
  for (const name of expected.productionPackages) {
    if (!app.files.has(`node_modules/${name}/package.json`)) {
      problems.push(`missing from app.asar: node_modules/${name} (a production dependency)`);
    }
  }
  const devDependencies = new Set(Object.keys(pkg.devDependencies ?? {}));
  const strays = new Set<string>();
  for (const file of app.files) {
    if (file.endsWith('.map')) strays.add(`source map ${file}`);
    if (forbiddenTopLevel.some((pattern) => pattern.test(file))) strays.add(file.split('/')[0]!);
    const inModules = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    const name = inModules?.[1];
    if (name !== undefined && !expected.productionPackages.has(name)) {
      strays.add(
        devDependencies.has(name)
          ? `node_modules/${name} (a devDependency)`
          : `node_modules/${name} (not needed by any production dependency)`,
      );
    }
  }
  for (const stray of strays) problems.push(`should not be in app.asar: ${stray}`);
  return problems;
}

/**
 * Files the app asks for by name at run time (the bundled notification sounds and their licence): each
 * must be in the package, or the app falls silent where a sound was chosen.
 */
export function bundledFileProblems(app: PackedApp, files: readonly string[], what: string): string[] {
  return files.filter((file) => !app.files.has(file)).map((file) => `${what}: ${file} is not in app.asar`);
}

/** The packed package.json: the entry point, module type and the name Electron derives userData from. */
export function manifestProblems(app: PackedApp, expected: { productName: string }): string[] {
  if (!app.files.has('package.json')) return ['package.json is not in app.asar'];
  const packed = JSON.parse(app.read('package.json').toString('utf8')) as PackageJson;
  const problems: string[] = [];
  if (packed.main !== entryPoints.main)
    problems.push(`packed package.json "main" is ${packed.main}, not ${entryPoints.main}`);
  if (packed.type !== 'module') problems.push(`packed package.json "type" is ${packed.type}, not module`);
  if (packed.productName !== expected.productName) {
    problems.push(
      `packed package.json "productName" is ${packed.productName}: Electron would keep settings under the wrong folder name`,
    );
  }
  return problems;
}

/** Windows shows a tray app's notifications only when its AppUserModelId matches the installer's shortcut. */
export function appUserModelIdProblems(mainCode: string, appId: string): string[] {
  const calls = [...mainCode.matchAll(/\bsetAppUserModelId\s*\(\s*([^)]*)\)/g)];
  if (calls.length === 0) {
    return [
      `main never calls app.setAppUserModelId("${appId}"): Windows drops notifications of an app without it`,
    ];
  }
  const literal = calls.map((call) => call[1]!.trim()).filter((arg) => /^['"`]/.test(arg));
  if (literal.length === 0) {
    // The id comes from a variable; the constant must still be in the bundle.
    return mainCode.includes(`"${appId}"`) || mainCode.includes(`'${appId}'`)
      ? []
      : [`main sets an AppUserModelId, but "${appId}" (electron-builder appId) appears nowhere in it`];
  }
  return literal
    .filter((arg) => arg.slice(1, -1) !== appId)
    .map((arg) => `main sets AppUserModelId ${arg}, but the installer's shortcut carries "${appId}"`);
}
