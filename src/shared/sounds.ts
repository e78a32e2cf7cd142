/** The notification sounds bundled in resources/sounds (`<name>.wav`), quietest to most insistent. */
export const SOUND_NAMES = ['ping', 'chime', 'alert'] as const;
/** A bundled sound. */
export type SoundName = (typeof SOUND_NAMES)[number];
