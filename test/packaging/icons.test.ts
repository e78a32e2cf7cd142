// The committed icons are what scripts/make-icons.ts draws, at the sizes Electron and electron-builder
// expect, and macOS template images are black + alpha only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iconFiles, render, trayStates } from '../../scripts/make-icons.ts';

const root = join(import.meta.dirname, '..', '..');

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

describe('icons', () => {
  it('the committed files are exactly what scripts/make-icons.ts draws (run it after changing a shape)', () => {
    for (const file of iconFiles()) {
      // Pixels, not bytes: zlib may compress the same pixels differently on another CPU.
      const committed = decodePng(readFileSync(join(root, file.path)));
      const drawn = render(file.layers, file.size);
      expect([committed.width, committed.height], file.path).toEqual([file.size, file.size]);
      expect(Buffer.from(committed.pixels).equals(Buffer.from(drawn)), file.path).toBe(true);
    }
  });

  it('every tray state has a 16 px and a 32 px (@2x) icon, in colour and as a macOS template', () => {
    for (const state of trayStates) {
      for (const [suffix, size] of [
        ['', 16],
        ['@2x', 32],
      ] as const) {
        for (const variant of ['', 'Template']) {
          const { width, height } = decodePng(
            readFileSync(join(root, `resources/tray/tray-${state}${variant}${suffix}.png`)),
          );
          expect([width, height]).toEqual([size, size]);
        }
      }
    }
  });

  it('template images are black + alpha only, and every state looks different', () => {
    const looks = new Set<string>();
    for (const state of trayStates) {
      const { pixels } = decodePng(readFileSync(join(root, `resources/tray/tray-${state}Template@2x.png`)));
      for (let i = 0; i < pixels.length; i += 4)
        expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
      looks.add(Buffer.from(pixels).toString('base64'));
      looks.add(readFileSync(join(root, `resources/tray/tray-${state}.png`)).toString('base64'));
    }
    expect(looks.size).toBe(trayStates.length * 2);
  });

  it('the app and installer icons are large enough for electron-builder to derive .ico and .icns', () => {
    expect(decodePng(readFileSync(join(root, 'resources/icon.png'))).width).toBeGreaterThanOrEqual(512);
    expect(decodePng(readFileSync(join(root, 'build/icon.png'))).width).toBeGreaterThanOrEqual(1024);
  });
});
