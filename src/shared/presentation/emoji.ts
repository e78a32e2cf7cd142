/**
 * Emoji shortcodes as ntfy tags use them (`-H "Tags: warning,skull"`): the common ones become emoji at
 * the start of a title, as ntfy's own apps show them; any other tag is a plain word. A Map because tags
 * come from outside (`__proto__` is a valid tag).
 */
const SHORTCODES: ReadonlyMap<string, string> = new Map([
  ['+1', '👍'],
  ['thumbsup', '👍'],
  ['-1', '👎'],
  ['thumbsdown', '👎'],
  ['warning', '⚠️'],
  ['rotating_light', '🚨'],
  ['white_check_mark', '✅'],
  ['heavy_check_mark', '✔️'],
  ['x', '❌'],
  ['no_entry', '⛔'],
  ['no_entry_sign', '🚫'],
  ['skull', '💀'],
  ['fire', '🔥'],
  ['boom', '💥'],
  ['zap', '⚡'],
  ['tada', '🎉'],
  ['partying_face', '🥳'],
  ['rocket', '🚀'],
  ['bug', '🐛'],
  ['lock', '🔒'],
  ['unlock', '🔓'],
  ['key', '🔑'],
  ['bell', '🔔'],
  ['loudspeaker', '📢'],
  ['mega', '📣'],
  ['information_source', 'ℹ️'],
  ['exclamation', '❗'],
  ['question', '❓'],
  ['heart', '❤️'],
  ['star', '⭐'],
  ['eyes', '👀'],
  ['wave', '👋'],
  ['computer', '💻'],
  ['cd', '💿'],
  ['floppy_disk', '💾'],
  ['package', '📦'],
  ['email', '📧'],
  ['envelope', '✉️'],
  ['calendar', '📅'],
  ['hourglass', '⌛'],
  ['stopwatch', '⏱️'],
  ['alarm_clock', '⏰'],
  ['construction', '🚧'],
  ['robot', '🤖'],
  ['ghost', '👻'],
  ['chart_with_upwards_trend', '📈'],
  ['chart_with_downwards_trend', '📉'],
  ['money_with_wings', '💸'],
  ['moneybag', '💰'],
  ['checkered_flag', '🏁'],
  ['triangular_flag_on_post', '🚩'],
  ['red_circle', '🔴'],
  ['orange_circle', '🟠'],
  ['yellow_circle', '🟡'],
  ['green_circle', '🟢'],
  ['large_blue_circle', '🔵'],
  ['house', '🏠'],
  ['sunny', '☀️'],
  ['cloud', '☁️'],
  ['umbrella', '☔'],
  ['snowflake', '❄️'],
  ['smile', '😄'],
  ['cry', '😢'],
  ['facepalm', '🤦'],
]);

/** The emoji for a shortcode (`warning` → ⚠️), or undefined for a plain tag. */
export function emojiFor(tag: string): string | undefined {
  return SHORTCODES.get(tag.trim().toLowerCase());
}

/** Splits tags into emoji (for the title) and words (for the body); non-strings are skipped. */
export function splitTags(tags: unknown): { emoji: string[]; words: string[] } {
  const emoji: string[] = [];
  const words: string[] = [];
  if (!Array.isArray(tags)) return { emoji, words };
  // Bounded: a hostile event with 10 000 tags costs no more than 50.
  for (const tag of tags.slice(0, 50)) {
    if (typeof tag !== 'string' || tag.trim() === '') continue;
    const found = emojiFor(tag);
    if (found) emoji.push(found);
    else words.push(tag.trim());
  }
  return { emoji, words };
}
