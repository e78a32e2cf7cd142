import { fail, OK, type SettingsResult } from '../../shared/settings.ts';
import { describeCause } from './secret-box.ts';

/** A change to a draft state: the next state, or a refusal that leaves the draft as it was. */
export type Change<S> = (draft: S) => SettingsResult<S>;

/** Persists a state; resolves with a refusal rather than rejecting. */
export type Save<S> = (state: S) => Promise<SettingsResult>;

/**
 * Applies changes strictly one after another and saves them in groups. Changes that arrive while a save
 * is running wait, then are applied in order to one draft and saved together: none interleaves with
 * another, none is lost, and a burst of 200 changes costs two writes rather than 200. The committed
 * state changes only after its save succeeded, so a failed write changes nothing.
 */
export class SerialCommits<S> {
  #committed: S;
  readonly #save: Save<S>;
  #waiting: { change: Change<S>; resolve: (result: SettingsResult) => void }[] = [];
  #draining = false;

  constructor(initial: S, save: Save<S>) {
    this.#committed = initial;
    this.#save = save;
  }

  /** The last state that was saved successfully. */
  get state(): S {
    return this.#committed;
  }

  /** Queues a change; resolves once it is saved, or with why it was refused or could not be saved. */
  apply(change: Change<S>): Promise<SettingsResult> {
    return new Promise((resolve) => {
      this.#waiting.push({ change, resolve });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      let draft = this.#committed;
      let results = batch.map(({ change }): SettingsResult => {
        const result = runChange(change, draft);
        if (!result.ok) return result;
        draft = result.value;
        return OK;
      });
      if (draft !== this.#committed) {
        const saved = await this.#save(draft).catch((error: unknown) =>
          fail('write-failed', `FeedTray could not save your settings: ${describeCause(error)}`),
        );
        if (saved.ok) this.#committed = draft;
        else results = results.map((result) => (result.ok ? saved : result));
      }
      batch.forEach(({ resolve }, index) => resolve(results[index]!));
    }
    this.#draining = false;
  }
}

// A change that throws is a bug; it must still not stall every later change behind it.
function runChange<S>(change: Change<S>, draft: S): SettingsResult<S> {
  try {
    return change(draft);
  } catch (error) {
    return fail('write-failed', `FeedTray could not apply a settings change: ${describeCause(error)}`);
  }
}
