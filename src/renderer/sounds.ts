/**
 * The bundled notification sounds, played by the window when main asks (`push:sound`): Electron's
 * notification `sound` option exists only on macOS, so the app plays its own on every OS. The files are
 * the app's own (resources/sounds), bundled by Vite next to the page, so the CSP's `media-src 'self'`
 * allows them.
 */
import alertUrl from '../../resources/sounds/alert.wav?url';
import chimeUrl from '../../resources/sounds/chime.wav?url';
import pingUrl from '../../resources/sounds/ping.wav?url';
import type { SoundName } from '../shared/sounds.ts';

const URLS: Record<SoundName, string> = { ping: pingUrl, chime: chimeUrl, alert: alertUrl };
const players = new Map<SoundName, HTMLAudioElement>();

/** Plays a bundled sound; a sound the system refuses to play is reported to the console, never thrown. */
export function playSound(name: SoundName): void {
  const url = Object.hasOwn(URLS, name) ? URLS[name] : undefined;
  if (!url) return;
  let player = players.get(name);
  if (!player) {
    player = new Audio(url);
    players.set(name, player);
  }
  player.currentTime = 0;
  player.play().catch((error: unknown) => console.warn(`sound ${name} could not play: ${String(error)}`));
}
