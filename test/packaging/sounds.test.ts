// The committed notification sounds are what scripts/make-sounds.ts synthesizes: short, 16-bit PCM mono
// 44.1 kHz WAV files that play, without a click, each with its licence, and the package must carry them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_DURATION_S,
  SAMPLE_RATE_HZ,
  encodeWav,
  soundFile,
  synthesize,
} from '../../scripts/make-sounds.ts';
import { bundledFileProblems, type PackedApp } from '../../scripts/package-rules.ts';
import { bundledSoundFiles } from '../../scripts/package-check.ts';
import { SOUND_NAMES } from '../../src/shared/sounds.ts';

const root = join(import.meta.dirname, '..', '..');

interface Wav {
  format: number;
  channels: number;
  sampleRateHz: number;
  bytesPerSecond: number;
  blockAlign: number;
  bitsPerSample: number;
  samples: Int16Array;
}

/** Reads a RIFF/WAVE file chunk by chunk, as a player would (not assuming a 44-byte header). */
function readWav(file: Buffer): Wav {
  expect(file.toString('latin1', 0, 4)).toBe('RIFF');
  expect(file.readUInt32LE(4)).toBe(file.length - 8);
  expect(file.toString('latin1', 8, 12)).toBe('WAVE');
  let fmt: Buffer | undefined;
  let data: Buffer | undefined;
  for (let offset = 12; offset + 8 <= file.length;) {
    const id = file.toString('latin1', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = file.subarray(offset + 8, offset + 8 + size);
    expect(body.length, `${id} chunk runs past the end of the file`).toBe(size);
    if (id === 'fmt ') fmt = body;
    if (id === 'data') data = body;
    offset += 8 + size + (size % 2); // chunks are word-aligned
  }
  if (!fmt || !data) throw new Error('a WAV file needs a fmt and a data chunk');
  const samples = new Int16Array(Math.floor(data.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2);
  return {
    format: fmt.readUInt16LE(0),
    channels: fmt.readUInt16LE(2),
    sampleRateHz: fmt.readUInt32LE(4),
    bytesPerSecond: fmt.readUInt32LE(8),
    blockAlign: fmt.readUInt16LE(12),
    bitsPerSample: fmt.readUInt16LE(14),
    samples,
  };
}

const committed = (name: (typeof SOUND_NAMES)[number]) => readFileSync(join(root, soundFile(name)));
const peakOf = (samples: Int16Array) => samples.reduce((peak, value) => Math.max(peak, Math.abs(value)), 0);

describe('notification sounds', () => {
  it('are 16-bit PCM mono WAV files at 44.1 kHz, shorter than 1.5 s and small', () => {
    for (const name of SOUND_NAMES) {
      const file = committed(name);
      const wav = readWav(file);
      expect(
        [wav.format, wav.channels, wav.sampleRateHz, wav.bitsPerSample, wav.blockAlign, wav.bytesPerSecond],
        name,
      ).toEqual([1, 1, 44_100, 16, 2, 88_200]);
      const durationS = wav.samples.length / wav.sampleRateHz;
      expect(durationS, name).toBeGreaterThanOrEqual(0.2);
      expect(durationS, name).toBeLessThan(MAX_DURATION_S);
      expect(file.length, name).toBeLessThan(128 * 1024);
    }
  });

  it('are audible, never clip, and start and end at silence so they do not click', () => {
    for (const name of SOUND_NAMES) {
      const { samples } = readWav(committed(name));
      const peak = peakOf(samples);
      expect(peak, name).toBeGreaterThan(0.25 * 32767);
      expect(peak, name).toBeLessThan(32767);
      const rms = Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
      expect(rms, name).toBeGreaterThan(0.02 * 32767);
      expect(Math.abs(samples[0]!), name).toBeLessThanOrEqual(64);
      expect(Math.abs(samples.at(-1)!), name).toBeLessThanOrEqual(64);
    }
  });

  it('grow louder from ping to chime to alert, as SOUND_NAMES orders them', () => {
    const peaks = SOUND_NAMES.map((name) => peakOf(readWav(committed(name)).samples));
    expect(SOUND_NAMES).toEqual(['ping', 'chime', 'alert']);
    expect(peaks).toEqual([...peaks].sort((a, b) => a - b));
    expect(new Set(peaks).size).toBe(peaks.length);
  });

  it('are exactly what scripts/make-sounds.ts synthesizes (run `npm run sounds` after changing a recipe)', () => {
    for (const name of SOUND_NAMES) {
      const synthesized = synthesize(name);
      const { samples } = readWav(committed(name));
      expect(samples.length, name).toBe(synthesized.length);
      // Within one step: V8's sin and exp are the same code everywhere, but a last-bit rounding on
      // another engine must not fail the build; any change to a recipe moves samples far more.
      let worst = 0;
      for (let i = 0; i < samples.length; i++)
        worst = Math.max(worst, Math.abs(samples[i]! - synthesized[i]!));
      expect(worst, name).toBeLessThanOrEqual(1);
    }
    expect(readWav(encodeWav(synthesize('ping'))).sampleRateHz).toBe(SAMPLE_RATE_HZ);
  });

  it('sit alone in resources/sounds with a licence that calls them the project own work under MIT', () => {
    const files = readdirSync(join(root, 'resources', 'sounds')).sort();
    expect(files).toEqual(['LICENSE.md', ...SOUND_NAMES.map((name) => `${name}.wav`)].sort());
    const license = readFileSync(join(root, 'resources', 'sounds', 'LICENSE.md'), 'utf8');
    expect(license).toContain("project's own work");
    expect(license).toContain('MIT License');
    for (const name of SOUND_NAMES) expect(license).toContain(`${name}.wav`);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
  });

  it('are required in app.asar by package:check, which flags a package that lacks one', () => {
    expect(bundledSoundFiles).toEqual([
      ...SOUND_NAMES.map((name) => `resources/sounds/${name}.wav`),
      'resources/sounds/LICENSE.md',
    ]);
    const packed = (files: string[]): PackedApp => ({ files: new Set(files), read: () => Buffer.alloc(0) });
    expect(
      bundledFileProblems(packed([...bundledSoundFiles]), bundledSoundFiles, 'notification sound'),
    ).toEqual([]);
    const withoutAlert = packed(bundledSoundFiles.filter((file) => !file.endsWith('alert.wav')));
    expect(bundledFileProblems(withoutAlert, bundledSoundFiles, 'notification sound')).toEqual([
      'notification sound: resources/sounds/alert.wav is not in app.asar',
    ]);
  });
});
