/** A minimal typed event emitter: topics map to the payload their listeners get. */
export class Emitter<Topics extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Topics, Set<(payload: never) => void>>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof Topics>(topic: K, listener: (payload: Topics[K]) => void): () => void {
    let set = this.#listeners.get(topic);
    if (!set) this.#listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls every listener of `topic` with `payload`. */
  emit<K extends keyof Topics>(topic: K, payload: Topics[K]): void {
    for (const listener of this.#listeners.get(topic) ?? [])
      (listener as (payload: Topics[K]) => void)(payload);
  }
}
