#!/usr/bin/env node
// Development: the renderer from Vite's dev server (hot reload), main and preload rebuilt on change,
// and Electron started once both are ready. Main loads VITE_DEV_SERVER_URL only when it is set.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'vite';

const server = await createServer({
  configFile: 'vite.renderer.config.ts',
  server: { host: '127.0.0.1', port: 5173 },
});
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
console.log(`renderer dev server: ${url}`);

const builder = spawn(process.execPath, ['scripts/build.mjs', 'main', 'preload', '--watch'], {
  stdio: 'inherit',
});
// The first build must finish before Electron loads out/main/index.js.
await new Promise((resolve) => setTimeout(resolve, 3000));
const electronPath = createRequire(import.meta.url)('electron');
const app = spawn(electronPath, ['.'], {
  stdio: 'inherit',
  env: { ...process.env, VITE_DEV_SERVER_URL: url },
});
app.on('close', (code) => {
  builder.kill();
  void server.close().then(() => process.exit(code ?? 0));
});
