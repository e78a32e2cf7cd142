import { EventSource } from 'eventsource';

/**
 * `EventSource` delivers each event by dispatching a `MessageEvent` named after its type. Catching
 * them at `dispatchEvent` gives every type (for `*`) without knowing names in advance, and keeps a
 * server's `event: error` or `event: open` from reaching the connection's own error/open listeners.
 */
export class TappedEventSource extends EventSource {
  onAnyMessage: ((event: MessageEvent) => void) | null = null;

  override dispatchEvent(event: Event): boolean {
    if (event instanceof MessageEvent) {
      this.onAnyMessage?.(event);
      return true;
    }
    return super.dispatchEvent(event);
  }
}
