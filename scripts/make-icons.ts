#!/usr/bin/env node
// Renders FeedTray's icons from the SVG sources in build/icon-sources and writes them as PNG files: the tray
// icon of each state (colour, with an unread-count badge or without, and the black + alpha template
// macOS tints for the menu bar), the app icon and the installer icon.
// Usage: npm run icons   (the outputs are committed; run again after editing a source)
//
// The sources are plain SVG a designer can edit: build/icon-sources/shapes.svg holds every shape (glyph, badges,
// digits); app.svg, tray.svg and tray-template.svg place and colour them. A variant is picked by a class
// on the root element (`<svg class="urgent size-16 count-3">`), which the sources' own stylesheets act on.
// Digits are paths, never text, so no font is looked up and every machine renders the same pixels.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';

/** Tray states, as the main process names its icon files (`tray-<state>.png`). */
export const trayStates = ['normal', 'attention', 'urgent', 'error', 'paused', 'dnd'] as const;
export type TrayState = (typeof trayStates)[number];

/** Unread counts a numbered tray icon shows (`tray-<state>-<suffix>.png`); above 9 it says "9+". */
export const trayCountSuffixes = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9plus'] as const;
export type TrayCountSuffix = (typeof trayCountSuffixes)[number];

/** The SVG sources in build/icon-sources that draw an icon (shapes.svg only lends them its shapes). */
export type IconSource = 'app.svg' | 'tray.svg' | 'tray-template.svg';

/** One PNG this script writes: where (relative to the repository), its size, and what draws it. */
export interface IconFile {
  path: string;
  size: number;
  source: IconSource;
  /** Classes set on the source's root element to pick the variant. */
  classes: string[];
}

export const root = join(import.meta.dirname, '..');
/**
 * Not build/icons: electron-builder takes a build/icons folder for the app icon set and then finds no
 * PNG there, so the installers would get Electron's default icon instead of build/icon.png.
 */
export const sourceDir = join(root, 'build', 'icon-sources');

/** Every icon file this script writes. */
export function iconFiles(): IconFile[] {
  const files: IconFile[] = [];
  const sizes = [
    ['', 16],
    ['@2x', 32],
  ] as const;
  for (const state of trayStates) {
    for (const [scale, size] of sizes) {
      const classes = [state, `size-${size}`];
      files.push({ path: `resources/tray/tray-${state}${scale}.png`, size, source: 'tray.svg', classes });
      files.push({
        path: `resources/tray/tray-${state}Template${scale}.png`,
        size,
        source: 'tray-template.svg',
        classes,
      });
      for (const count of trayCountSuffixes) {
        files.push({
          path: `resources/tray/tray-${state}-${count}${scale}.png`,
          size,
          source: 'tray.svg',
          classes: [...classes, `count-${count}`],
        });
      }
    }
  }
  files.push({ path: 'resources/icon.png', size: 512, source: 'app.svg', classes: [] });
  files.push({ path: 'build/icon.png', size: 1024, source: 'app.svg', classes: [] });
  return files;
}

/** Reads a source file of build/icon-sources; tests pass their own to try malformed sources. */
export type ReadSource = (name: string) => string;
const readFromDisk: ReadSource = (name) => readFileSync(join(sourceDir, name), 'utf8');

/**
 * The self-contained SVG for one icon: the source with shapes.svg's `<defs>` copied in, its
 * `shapes.svg#id` references made local, and the variant's classes on the root element.
 * Throws with a sentence naming the file when a source breaks these conventions.
 */
export function assembleSvg(file: IconFile, read: ReadSource = readFromDisk): string {
  // Comments may mention <defs>; only elements count.
  const shapes = read('shapes.svg').replace(/<!--[\s\S]*?-->/g, '');
  const defs = [...shapes.matchAll(/<defs>([\s\S]*?)<\/defs>/g)];
  if (defs.length !== 1 || /<defs\b/.test(defs[0]![1]!)) {
    throw new Error(
      'build/icon-sources/shapes.svg must hold exactly one <defs> element, with no <defs> inside it',
    );
  }
  const source = read(file.source);
  const open = /<svg\b[^>]*>/.exec(source);
  if (!open) throw new Error(`build/icon-sources/${file.source} has no <svg> element`);
  if (/\sclass\s*=/.test(open[0])) {
    // The script owns the root's class; one left in the source would pin every variant to it.
    throw new Error(
      `build/icon-sources/${file.source}: remove the class on <svg>; make-icons sets it per variant`,
    );
  }
  const rootTag =
    file.classes.length > 0 ? open[0].replace(/^<svg\b/, `<svg class="${file.classes.join(' ')}"`) : open[0];
  const svg =
    source.slice(0, open.index) +
    `${rootTag}<defs>${defs[0]![1]}</defs>` +
    source.slice(open.index + open[0].length).replaceAll('href="shapes.svg#', 'href="#');
  // resvg draws nothing for a reference it cannot resolve; a typo in an id must not pass unnoticed.
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
  for (const match of svg.matchAll(/(?:href="#|url\(#)([^")]+)/g)) {
    if (!ids.has(match[1]!)) {
      throw new Error(
        `build/icon-sources/${file.source} refers to #${match[1]}, which neither it nor shapes.svg defines`,
      );
    }
  }
  return svg;
}

/** Renders one icon into straight (non-premultiplied) RGBA pixels, `file.size` px square. */
export function renderIcon(file: IconFile, read: ReadSource = readFromDisk): Uint8Array {
  const rendered = new Resvg(assembleSvg(file, read), {
    fitTo: { mode: 'width', value: file.size },
    // No text in any source: loading the system's fonts would only cost time.
    font: { loadSystemFonts: false },
  }).render();
  if (rendered.width !== file.size || rendered.height !== file.size) {
    throw new Error(
      `build/icon-sources/${file.source} rendered ${rendered.width}x${rendered.height} px for ${file.path}; its viewBox must be square`,
    );
  }
  // resvg hands back premultiplied pixels; PNG stores straight alpha.
  const pixels = new Uint8Array(rendered.pixels);
  for (let i = 0; i < pixels.length; i += 4) {
    const alpha = pixels[i + 3]!;
    for (let c = i; c < i + 3; c++) {
      pixels[c] = alpha === 0 ? 0 : Math.min(255, Math.round((pixels[c]! * 255) / alpha));
    }
  }
  return pixels;
}

/** Encodes straight RGBA pixels as an 8-bit RGBA PNG (filter 0 on every row). */
export function encodePng(pixels: Uint8Array, width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, filter 0, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    raw[row * (stride + 1)] = 0;
    raw.set(pixels.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.main) {
  let bytes = 0;
  const files = iconFiles();
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    const png = encodePng(renderIcon(file), file.size, file.size);
    writeFileSync(target, png);
    bytes += png.length;
  }
  console.log(
    `make-icons: wrote ${files.length} PNG files (${Math.round(bytes / 1024)} KiB) from build/icon-sources`,
  );
}
