/**
 * What each block the guard forwarded does to the stream's last event id, oldest first, taken as the
 * parser dispatches events: `true`/`false` for an event with or without its own id, a string for a
 * block that only set the id (an empty `id:` resets it). A FIFO with O(1) shift (Array#shift moves
 * every element).
 */
export class PositionQueue {
  #items: (boolean | string)[] = [];
  #head = 0;

  /** An event the parser will dispatch; `hasId` whether it carried its own valid id. */
  pushEvent(hasId: boolean): void {
    this.#items.push(hasId);
  }

  /** A block that set the id without an event. */
  pushId(id: string): void {
    this.#items.push(id);
  }

  /**
   * Takes the entry of the event being dispatched, handing ids set by blocks before it to `setId`.
   * Whether the event had its own id; empty reads as true: trust the reported id.
   */
  takeEvent(setId: (id: string) => void): boolean {
    for (;;) {
      const item = this.#shift();
      if (item === undefined) return true;
      if (typeof item === 'boolean') return item;
      setId(item);
    }
  }

  /**
   * At the end of a stream: ids set after the last dispatched event still count, but not past an
   * event that never reached the listener (resuming after it would skip it).
   */
  takeTrailingIds(setId: (id: string) => void): void {
    while (this.#head < this.#items.length && typeof this.#items[this.#head] === 'string') {
      setId(this.#shift() as string);
    }
  }

  #shift(): boolean | string | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head++];
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    }
    return item;
  }
}
