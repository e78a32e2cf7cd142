import type { Writable } from 'node:stream';

/** Writes lines to a stream and can wait until every byte has been handed to the OS (pipes included). */
export class LineWriter {
  readonly #stream: Writable;
  #pending = 0;
  #drained: (() => void)[] = [];

  constructor(stream: Writable) {
    this.#stream = stream;
  }

  line(text: string): void {
    this.#pending++;
    this.#stream.write(`${text}\n`, () => {
      this.#pending--;
      if (this.#pending === 0) for (const resolve of this.#drained.splice(0)) resolve();
    });
  }

  /** Resolves once every line written so far has been flushed. */
  flushed(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }
}
