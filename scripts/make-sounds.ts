#!/usr/bin/env node
// Synthesizes FeedTray's notification sounds and writes them as WAV files to resources/sounds: short
// bell-like tones (sine partials under exponential envelopes), the project's own work, no samples.
// Usage: npm run sounds   (the outputs are committed; run again after changing a recipe)
//
// `ping` for low-severity events, `chime` for the default, `alert` for urgent ones: more insistent (two
// quick rising arpeggios), still soft-edged. Math.sin and Math.exp are V8's own fdlibm ports, so every
// machine computes the same samples.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOUND_NAMES, type SoundName } from '../src/shared/sounds.ts';

export const SAMPLE_RATE_HZ = 44_100;
/** No sound may run longer: a notification sound is a cue, not a tune. */
export const MAX_DURATION_S = 1.5;

/** One struck tone: a fundamental and its overtones, each fading at its own rate. */
interface Note {
  startS: number;
  frequencyHz: number;
  /** Relative loudness within the sound. */
  gain: number;
  /** Time for the fundamental to fall to 1/e; overtones fall faster, as on a struck bar. */
  decayS: number;
  /** The note is silenced (with a short fade) after this long. */
  durationS: number;
}

interface Recipe {
  notes: Note[];
  /** Overtones as [frequency ratio, relative gain]. */
  partials: [number, number][];
  lengthS: number;
  /** Peak sample as a fraction of full scale: the sounds differ in loudness as in urgency. */
  peak: number;
}

const ATTACK_S = 0.006; // fast enough to sound struck, slow enough not to click
const RELEASE_S = 0.03;

// Equal-tempered pitches (A4 = 440 Hz).
const G5 = 783.99;
const A5 = 880.0;
const C6 = 1046.5;
const CSHARP6 = 1108.73;
const E6 = 1318.51;

const bell: [number, number][] = [
  [1, 1],
  [2, 0.3],
  [3.01, 0.1],
  [4.2, 0.04],
];

/** A rising A-major arpeggio, three notes 90 ms apart, starting at `startS`. */
const arpeggio = (startS: number): Note[] =>
  [A5, CSHARP6, E6].map((frequencyHz, step) => ({
    startS: startS + step * 0.09,
    frequencyHz,
    gain: 1,
    decayS: 0.1,
    durationS: 0.3,
  }));

/** How each sound is made. */
export const recipes: Record<SoundName, Recipe> = {
  ping: {
    notes: [{ startS: 0, frequencyHz: E6, gain: 1, decayS: 0.11, durationS: 0.4 }],
    partials: [
      [1, 1],
      [2, 0.2],
    ],
    lengthS: 0.4,
    peak: 0.4,
  },
  chime: {
    // A rising fourth, like a soft doorbell.
    notes: [
      { startS: 0, frequencyHz: G5, gain: 0.85, decayS: 0.25, durationS: 0.75 },
      { startS: 0.14, frequencyHz: C6, gain: 1, decayS: 0.3, durationS: 0.76 },
    ],
    partials: bell,
    lengthS: 0.9,
    peak: 0.55,
  },
  alert: {
    notes: [...arpeggio(0), ...arpeggio(0.45)],
    partials: [
      [1, 1],
      [2, 0.35],
      [3, 0.15],
    ],
    lengthS: 0.95,
    peak: 0.7,
  },
};

/** Loudness of a note at `t` seconds after it starts: a raised-cosine attack, decay, and a release fade. */
function envelope(note: Note, t: number, decayS: number): number {
  if (t < 0 || t >= note.durationS) return 0;
  const attack = t < ATTACK_S ? 0.5 - 0.5 * Math.cos((Math.PI * t) / ATTACK_S) : 1;
  const left = note.durationS - t;
  const release = left < RELEASE_S ? 0.5 - 0.5 * Math.cos((Math.PI * left) / RELEASE_S) : 1;
  return attack * Math.exp(-t / decayS) * release;
}

/** The 16-bit mono samples of a sound. */
export function synthesize(name: SoundName): Int16Array {
  const recipe = recipes[name];
  const count = Math.round(recipe.lengthS * SAMPLE_RATE_HZ);
  const mix = new Float64Array(count);
  for (const note of recipe.notes) {
    for (const [ratio, gain] of recipe.partials) {
      const decayS = note.decayS / ratio ** 0.7;
      const first = Math.max(0, Math.floor(note.startS * SAMPLE_RATE_HZ));
      const last = Math.min(count, Math.ceil((note.startS + note.durationS) * SAMPLE_RATE_HZ));
      for (let i = first; i < last; i++) {
        const t = i / SAMPLE_RATE_HZ - note.startS;
        mix[i]! +=
          note.gain * gain * envelope(note, t, decayS) * Math.sin(2 * Math.PI * note.frequencyHz * ratio * t);
      }
    }
  }
  let loudest = 0;
  for (const value of mix) loudest = Math.max(loudest, Math.abs(value));
  const scale = loudest === 0 ? 0 : (recipe.peak * 32767) / loudest;
  return Int16Array.from(mix, (value) => Math.round(value * scale));
}

/** A canonical 44-byte-header WAV file: PCM, mono, 16-bit. */
export function encodeWav(samples: Int16Array, sampleRateHz = SAMPLE_RATE_HZ): Buffer {
  const dataBytes = samples.length * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'latin1');
  wav.write('fmt ', 12, 'latin1');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRateHz, 24);
  wav.writeUInt32LE(sampleRateHz * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) wav.writeInt16LE(samples[i]!, 44 + i * 2);
  return wav;
}

/** Where a sound's file lives, relative to the repository. */
export const soundFile = (name: SoundName): string => `resources/sounds/${name}.wav`;

if (import.meta.main) {
  const root = join(import.meta.dirname, '..');
  mkdirSync(join(root, 'resources', 'sounds'), { recursive: true });
  for (const name of SOUND_NAMES) {
    const samples = synthesize(name);
    const wav = encodeWav(samples);
    writeFileSync(join(root, soundFile(name)), wav);
    console.log(
      `make-sounds: wrote ${soundFile(name)} (${(samples.length / SAMPLE_RATE_HZ).toFixed(2)} s, ${Math.round(wav.length / 1024)} KiB)`,
    );
  }
}
