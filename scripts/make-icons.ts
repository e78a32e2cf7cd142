#!/usr/bin/env node
// Draws FeedTray's icons and writes them as PNG files: the tray icon of each state (colour, and the
// black + alpha template variant macOS tints for the menu bar), the app icon and the installer icon.
// Usage: node scripts/make-icons.ts   (the outputs are committed; run again after changing a shape)
//
// Shapes are signed distance functions in a 16-unit design grid; a pixel's coverage is its distance to
// the edge, so every size is drawn from the same geometry with clean anti-aliased edges.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** Tray states, as the main process names its icon files (`tray-<state>.png`). */
export const trayStates = ['normal', 'attention', 'error', 'paused', 'dnd'] as const;
export type TrayState = (typeof trayStates)[number];

type Rgb = readonly [number, number, number];
/** Signed distance in design units: negative inside the shape. */
type Shape = (x: number, y: number) => number;
type Layer = {
  shape: Shape;
  color: Rgb | ((x: number, y: number) => Rgb);
  erase?: boolean;
  opacity?: number;
};

const colors = {
  brand: [0x0f, 0x76, 0x6e], // teal: readable on light and dark panels alike
  brandLight: [0x14, 0xb8, 0xa6],
  white: [0xff, 0xff, 0xff],
  black: [0, 0, 0],
  attention: [0x25, 0x63, 0xeb],
  error: [0xdc, 0x26, 0x26],
  paused: [0x6b, 0x72, 0x80],
  pausedBadge: [0x37, 0x41, 0x51],
  dnd: [0x7c, 0x3a, 0xed],
} as const satisfies Record<string, Rgb>;

// --- shapes -------------------------------------------------------------------------------------------

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
    const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };

/** A quarter ring opening up and to the right of (cx, cy), with flat ends: one wave of the feed glyph. */
const quarterRing =
  (cx: number, cy: number, radius: number, width: number): Shape =>
  (x, y) =>
    Math.max(Math.abs(Math.hypot(x - cx, y - cy) - radius) - width / 2, cx - x, y - cy);

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

const subtract =
  (shape: Shape, cut: Shape): Shape =>
  (x, y) =>
    Math.max(shape(x, y), -cut(x, y));

const grow =
  (shape: Shape, by: number): Shape =>
  (x, y) =>
    shape(x, y) - by;

/**
 * The feed glyph: a source dot in the corner and two waves, fitted into a square of `size` units whose
 * bottom-left corner is (left, bottom).
 */
function feedGlyph(left: number, bottom: number, size: number): Shape {
  // Proportions of the classic feed symbol: dot, gap, wave, gap, wave.
  const dotR = size * 0.16;
  const dotExtent = dotR * (1 + Math.SQRT2);
  const gap = size * 0.125;
  const wave = size * 0.18;
  const scale = size / (dotExtent + 2 * gap + 2 * wave);
  const [r, g, w] = [dotR * scale, gap * scale, wave * scale];
  const d = r * (1 + Math.SQRT2);
  return union(
    circle(left + r, bottom - r, r),
    quarterRing(left, bottom, d + g + w / 2, w),
    quarterRing(left, bottom, d + 2 * g + 1.5 * w, w),
  );
}

// --- badges (top-right corner of the 16-unit grid) ----------------------------------------------------

const badge = { cx: 12.2, cy: 3.8, r: 3.4, gap: 1.1 } as const;
const badgeDisc = circle(badge.cx, badge.cy, badge.r);
/** Transparent ring around the badge, so it reads as separate from the glyph under it. */
const badgeKnockout = grow(badgeDisc, badge.gap);
const exclamation = union(
  roundedRect(badge.cx - 0.65, badge.cy - 2.35, badge.cx + 0.65, badge.cy + 0.55, 0.5),
  circle(badge.cx, badge.cy + 1.65, 0.7),
);
const pauseBars = union(
  roundedRect(badge.cx - 1.55, badge.cy - 1.75, badge.cx - 0.45, badge.cy + 1.75, 0.2),
  roundedRect(badge.cx + 0.45, badge.cy - 1.75, badge.cx + 1.55, badge.cy + 1.75, 0.2),
);
const crescent = subtract(badgeDisc, circle(badge.cx + 1.9, badge.cy - 1.5, badge.r * 0.85));

/** The badge drawn over the glyph for a state (none for `normal`). */
function badgeLayers(state: TrayState, template: boolean): Layer[] {
  const ink = (color: Rgb): Rgb => (template ? colors.black : color);
  switch (state) {
    case 'normal':
      return [];
    case 'attention':
      return [
        { shape: badgeKnockout, color: colors.black, erase: true },
        { shape: badgeDisc, color: ink(colors.attention) },
      ];
    case 'error':
      // Template images have no colour: the "!" is cut out of the disc instead of drawn in white.
      return [
        { shape: badgeKnockout, color: colors.black, erase: true },
        template
          ? { shape: subtract(badgeDisc, exclamation), color: colors.black }
          : { shape: badgeDisc, color: colors.error },
        ...(template ? [] : [{ shape: exclamation, color: colors.white }]),
      ];
    case 'paused':
      return template
        ? [
            { shape: badgeKnockout, color: colors.black, erase: true },
            { shape: pauseBars, color: colors.black },
          ]
        : [
            { shape: badgeKnockout, color: colors.black, erase: true },
            { shape: badgeDisc, color: colors.pausedBadge },
            { shape: pauseBars, color: colors.white },
          ];
    case 'dnd':
      return [
        { shape: badgeKnockout, color: colors.black, erase: true },
        { shape: crescent, color: ink(colors.dnd) },
      ];
  }
}

/** Colour tray icon: a white glyph on a rounded tile, so it reads on light and dark panels. */
function trayLayers(state: TrayState): Layer[] {
  const tile = state === 'paused' ? colors.paused : colors.brand;
  return [
    { shape: roundedRect(0.5, 0.5, 15.5, 15.5, 3.5), color: tile },
    { shape: feedGlyph(3.6, 12.4, 8.8), color: colors.white },
    ...badgeLayers(state, false),
  ];
}

/** macOS template tray icon: black + alpha only (the system tints it); paused is drawn half transparent. */
function templateLayers(state: TrayState): Layer[] {
  return [
    { shape: feedGlyph(1, 15, 13.6), color: colors.black, opacity: state === 'paused' ? 0.5 : 1 },
    ...badgeLayers(state, true),
  ];
}

/** App icon: the glyph on a tile with a soft vertical gradient, inset as the macOS icon grid asks. */
function appIconLayers(): Layer[] {
  const top = colors.brandLight;
  const bottom = colors.brand;
  const gradient = (_x: number, y: number): Rgb => {
    const t = Math.min(Math.max((y - 1.5) / 13, 0), 1);
    return [0, 1, 2].map((i) => Math.round(top[i]! + (bottom[i]! - top[i]!) * t)) as unknown as Rgb;
  };
  return [
    { shape: roundedRect(1.5, 1.5, 14.5, 14.5, 2.9), color: gradient },
    { shape: feedGlyph(4.6, 11.4, 6.8), color: colors.white },
  ];
}

// --- raster + PNG -------------------------------------------------------------------------------------

/** Renders layers into straight (non-premultiplied) RGBA pixels, `size` px for 16 design units. */
export function render(layers: Layer[], size: number): Uint8Array {
  const unitsPerPx = 16 / size;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * unitsPerPx;
      const y = (py + 0.5) * unitsPerPx;
      // Premultiplied accumulation.
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const coverage =
          Math.min(Math.max(0.5 - layer.shape(x, y) / unitsPerPx, 0), 1) * (layer.opacity ?? 1);
        if (coverage === 0) continue;
        if (layer.erase) {
          [r, g, b, a] = [r, g, b, a].map((v) => v * (1 - coverage)) as [number, number, number, number];
          continue;
        }
        const c = typeof layer.color === 'function' ? layer.color(x, y) : layer.color;
        r = (c[0] / 255) * coverage + r * (1 - coverage);
        g = (c[1] / 255) * coverage + g * (1 - coverage);
        b = (c[2] / 255) * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const i = (py * size + px) * 4;
      pixels[i] = a > 0 ? Math.round((r / a) * 255) : 0;
      pixels[i + 1] = a > 0 ? Math.round((g / a) * 255) : 0;
      pixels[i + 2] = a > 0 ? Math.round((b / a) * 255) : 0;
      pixels[i + 3] = Math.round(a * 255);
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

/** Every icon file this script writes, relative to the repository root, with its pixel size. */
export function iconFiles(): { path: string; size: number; layers: Layer[] }[] {
  const files: { path: string; size: number; layers: Layer[] }[] = [];
  for (const state of trayStates) {
    for (const [suffix, size] of [
      ['', 16],
      ['@2x', 32],
    ] as const) {
      files.push({ path: `resources/tray/tray-${state}${suffix}.png`, size, layers: trayLayers(state) });
      files.push({
        path: `resources/tray/tray-${state}Template${suffix}.png`,
        size,
        layers: templateLayers(state),
      });
    }
  }
  files.push({ path: 'resources/icon.png', size: 512, layers: appIconLayers() });
  files.push({ path: 'build/icon.png', size: 1024, layers: appIconLayers() });
  return files;
}

if (import.meta.main) {
  const root = join(import.meta.dirname, '..');
  for (const file of iconFiles()) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, encodePng(render(file.layers, file.size), file.size, file.size));
    console.log(`wrote ${file.path} (${file.size}x${file.size})`);
  }
}
