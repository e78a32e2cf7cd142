// The committed icons are what scripts/make-icons.ts renders from build/icon-sources, at the sizes Electron and
// electron-builder expect; numbered tray icons carry their count in a corner; macOS template images are
// black + alpha only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  assembleSvg,
  iconFiles,
  renderIcon,
  sourceDir,
  trayCountSuffixes,
  trayStates,
  type IconFile,
} from '../../scripts/make-icons.ts';

const root = join(import.meta.dirname, '..', '..');
const sizes = [
  ['', 16],
  ['@2x', 32],
] as const;

/** Width, height and straight RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what the script writes). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    expect(raw[row * (width * 4 + 1)]).toBe(0);
    pixels.set(raw.subarray(row * (width * 4 + 1) + 1, (row + 1) * (width * 4 + 1)), row * width * 4);
  }
  return { width, height, pixels };
}

const readIcon = (path: string) => decodePng(readFileSync(join(root, path)));
const tray = (name: string) => readIcon(`resources/tray/${name}.png`);

/** Whether two same-sized images have the same pixels inside a rectangle (in pixels, end exclusive). */
function sameIn(
  a: Uint8Array,
  b: Uint8Array,
  size: number,
  area: { x0: number; y0: number; x1: number; y1: number },
): boolean {
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const i = (y * size + x) * 4;
      if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3])
        return false;
    }
  }
  return true;
}

describe('icons', () => {
  it('the committed files are what scripts/make-icons.ts renders from build/icon-sources (run `npm run icons` after editing)', () => {
    for (const file of iconFiles()) {
      const committed = readIcon(file.path);
      expect([committed.width, committed.height], file.path).toEqual([file.size, file.size]);
      // Pixels, not bytes: zlib may compress the same pixels differently on another CPU. And within 2 of
      // 255 per channel: resvg's rasterizer may round an edge pixel differently on another CPU's SIMD
      // path; any change to a shape or colour moves pixels far more than that.
      const rendered = renderIcon(file);
      let worst = 0;
      for (let i = 0; i < rendered.length; i++)
        worst = Math.max(worst, Math.abs(rendered[i]! - committed.pixels[i]!));
      expect(worst, file.path).toBeLessThanOrEqual(2);
    }
  });

  it('every tray state has a 16 px and a 32 px (@2x) icon: plain, numbered 1-9 and 9+, and a macOS template', () => {
    for (const state of trayStates) {
      for (const [scale, size] of sizes) {
        const names = [
          `tray-${state}`,
          `tray-${state}Template`,
          ...trayCountSuffixes.map((count) => `tray-${state}-${count}`),
        ];
        for (const name of names) {
          const { width, height } = tray(`${name}${scale}`);
          expect([width, height], name).toEqual([size, size]);
        }
      }
    }
    expect(iconFiles()).toHaveLength(trayStates.length * sizes.length * (2 + trayCountSuffixes.length) + 2);
  });

  it('template images are black + alpha only, and every state looks different', () => {
    const looks = new Set<string>();
    for (const state of trayStates) {
      const { pixels } = tray(`tray-${state}Template@2x`);
      for (let i = 0; i < pixels.length; i += 4)
        expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
      looks.add(Buffer.from(pixels).toString('base64'));
      looks.add(Buffer.from(tray(`tray-${state}`).pixels).toString('base64'));
    }
    expect(looks.size).toBe(trayStates.length * 2);
  });

  it('a numbered icon is the plain one with a count in its bottom-right corner, different for every count', () => {
    for (const state of trayStates) {
      for (const [scale, size] of sizes) {
        const plain = tray(`tray-${state}${scale}`).pixels;
        const looks = new Set<string>();
        for (const count of trayCountSuffixes) {
          const numbered = tray(`tray-${state}-${count}${scale}`).pixels;
          const name = `tray-${state}-${count}${scale}`;
          expect(Buffer.from(numbered).equals(Buffer.from(plain)), name).toBe(false);
          // The left quarter (the glyph's dot) and the top 3/8 (the state badge) stay as they are.
          expect(sameIn(numbered, plain, size, { x0: 0, y0: 0, x1: size / 4, y1: size }), name).toBe(true);
          expect(sameIn(numbered, plain, size, { x0: 0, y0: 0, x1: size, y1: (size * 3) / 8 }), name).toBe(
            true,
          );
          looks.add(Buffer.from(numbered).toString('base64'));
        }
        expect(looks.size).toBe(trayCountSuffixes.length);
      }
    }
  });

  it('the digits of 16 px icons are whole white pixels, not a blur', () => {
    for (const count of trayCountSuffixes) {
      const { pixels } = tray(`tray-normal-${count}`);
      let white = 0;
      for (let i = 0; i < pixels.length; i += 4)
        if (pixels[i] === 255 && pixels[i + 1] === 255 && pixels[i + 2] === 255 && pixels[i + 3] === 255)
          white++;
      // "1", the thinnest, has 7 pixels; the glyph's own white is anti-aliased at 16 px.
      expect(white, count).toBeGreaterThanOrEqual(7);
    }
  });

  it('the app and installer icons are large enough for electron-builder to derive .ico and .icns', () => {
    expect(readIcon('resources/icon.png').width).toBeGreaterThanOrEqual(512);
    expect(readIcon('build/icon.png').width).toBeGreaterThanOrEqual(1024);
  });

  it('electron-builder finds build/icon.png: no build/icons or build/icon folder shadows it', () => {
    // electron-builder looks for `icon.ico`/`icon.icns`, then an `icons` or `icon` folder, then
    // `icon.png`, and stops at the first that exists: a folder without NxN.png files there leaves the
    // Windows and macOS installers with Electron's default icon. The SVG sources live elsewhere for that.
    for (const shadow of ['icons', 'icon']) {
      expect(existsSync(join(root, 'build', shadow)), `build/${shadow}`).toBe(false);
    }
  });
});

describe('the SVG sources', () => {
  const file: IconFile = { path: 'x.png', size: 16, source: 'tray.svg', classes: ['error', 'count-3'] };
  const fromDisk = (name: string) => readFileSync(join(sourceDir, name), 'utf8');

  it('are made self-contained: shapes copied in, references local, the variant on the root', () => {
    const svg = assembleSvg(file);
    expect(svg).toMatch(/^<svg class="error count-3" /);
    expect(svg).not.toContain('shapes.svg#');
    expect(svg).toContain('id="glyph"');
  });

  it('are rejected with the file named when they refer to a shape nobody defines', () => {
    const read = (name: string) =>
      name === 'tray.svg' ? fromDisk(name).replace('shapes.svg#glyph', 'shapes.svg#glpyh') : fromDisk(name);
    expect(() => assembleSvg(file, read)).toThrow('build/icon-sources/tray.svg refers to #glpyh');
  });

  it('are rejected when the root already has a class, which would pin every variant', () => {
    const read = (name: string) =>
      name === 'tray.svg' ? fromDisk(name).replace('<svg ', '<svg class="dnd" ') : fromDisk(name);
    expect(() => assembleSvg(file, read)).toThrow('remove the class on <svg>');
  });

  it('are rejected when shapes.svg holds more than one <defs>', () => {
    const read = (name: string) =>
      name === 'shapes.svg' ? `${fromDisk(name)}<defs></defs>` : fromDisk(name);
    expect(() => assembleSvg(file, read)).toThrow('exactly one <defs>');
  });
});
