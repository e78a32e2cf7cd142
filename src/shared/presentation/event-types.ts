/**
 * Which event types a feed takes: an empty list means `message` only (what `EventSource.onmessage`
 * sees), `*` means every type. The connection, the notification policy and the editor's Test all use
 * this one rule.
 */
export function subscribesTo(eventTypes: readonly string[], type: string): boolean {
  if (eventTypes.length === 0) return type === 'message';
  return eventTypes.includes('*') || eventTypes.includes(type);
}
