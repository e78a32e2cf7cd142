import { defineConfig } from 'vite';

/** The window's UI: static files under out/renderer, loaded from the app package (never from a server). */
export default defineConfig({
  root: 'src/renderer',
  base: './',
  build: {
    outDir: '../../out/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: false,
    // Scripts are separate files (CSP `script-src 'self'`, no inline script).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
