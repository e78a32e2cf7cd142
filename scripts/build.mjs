#!/usr/bin/env node
// Builds the three Electron targets with Vite into out/: main (ESM, as package.json "type" says),
// preload (one CommonJS file: a sandboxed preload can require nothing but electron), renderer (static files).
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { build } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// Production dependencies stay external: they ship in app.asar's node_modules, as electron-builder packs them.
const external = ['electron', ...nodeBuiltins, ...Object.keys(pkg.dependencies ?? {})];
const only = process.argv.slice(2);
const watch = process.argv.includes('--watch') ? {} : null;

const targets = {
  main: {
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: 'out/main',
      emptyOutDir: true,
      target: 'node24',
      sourcemap: true,
      minify: false,
      watch,
      ssr: 'src/main/index.ts',
      rollupOptions: { external, output: { format: 'es', entryFileNames: 'index.js' } },
    },
    ssr: { noExternal: true, external },
  },
  preload: {
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: 'out/preload',
      emptyOutDir: true,
      target: 'node24',
      sourcemap: false,
      minify: false,
      watch,
      ssr: 'src/preload/index.ts',
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: 'index.cjs', inlineDynamicImports: true },
      },
    },
    ssr: { noExternal: true, external: ['electron'] },
  },
  renderer: {
    configFile: 'vite.renderer.config.ts',
    logLevel: 'warn',
    build: { watch },
  },
};

for (const [name, config] of Object.entries(targets)) {
  if (only.length > 0 && !only.includes(name) && !only.every((arg) => arg.startsWith('--'))) continue;
  const started = Date.now();
  await build(config);
  console.log(`built ${name} in ${Date.now() - started} ms`);
}
