/** "Test": asks main to connect once (`feeds:test`) and shows the diagnosis and the first events. */
import type { FeedCheckResult } from '../../shared/check.ts';
import type { RequestOf } from '../../shared/ipc.ts';
import type { AppContext, SampleEvent } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatCount } from '../format.ts';

/** How long a test listens after the response headers. */
export const TEST_LISTEN_MS = 4000;

/** The Test button and its results. */
export class TestPanel {
  readonly element: HTMLElement;
  readonly button: HTMLButtonElement;
  /** "Does it resume?": the same test, then a reconnect from an earlier id (a few seconds more). */
  readonly resumeButton: HTMLButtonElement;
  readonly #result = h('div', { class: 'test-result', attrs: { 'aria-live': 'polite' } });
  readonly #ctx: AppContext;
  readonly #request: () => RequestOf<'feeds:test'> | null;
  readonly #onEvents: (events: SampleEvent[]) => void;
  #running = false;

  /** `request` returns null when the form is not valid enough to test (its errors are shown then). */
  constructor(
    ctx: AppContext,
    request: () => RequestOf<'feeds:test'> | null,
    onEvents: (events: SampleEvent[]) => void,
  ) {
    this.#ctx = ctx;
    this.#request = request;
    this.#onEvents = onEvents;
    this.button = h('button', {
      class: 'button',
      t: 'test.run',
      attrs: { type: 'button', 'data-action': 'test' },
      on: { click: () => void this.run() },
    });
    this.resumeButton = h('button', {
      class: 'button button-quiet',
      t: 'test.runResume',
      attrs: { type: 'button', 'data-action': 'test-resume' },
      on: { click: () => void this.run(true) },
    });
    this.element = h('section', { class: 'side-section', attrs: { 'aria-labelledby': 'test-heading' } }, [
      h('div', { class: 'side-heading' }, [
        h('h3', { t: 'test.title', attrs: { id: 'test-heading' } }),
        this.button,
        this.resumeButton,
      ]),
      h('p', { class: 'field-hint', t: 'test.hint' }),
      this.#result,
    ]);
  }

  /** Runs the test (one at a time). */
  async run(diagnoseResume = false): Promise<void> {
    if (this.#running) return;
    const request = this.#request();
    if (!request) return;
    this.#running = true;
    this.button.disabled = true;
    this.resumeButton.disabled = true;
    replaceChildren(this.#result, [
      h('p', { class: 'testing', t: ['test.listening', { s: TEST_LISTEN_MS / 1000 }] }),
    ]);
    const result = await this.#ctx.ipc.invoke('feeds:test', {
      ...request,
      listenMs: TEST_LISTEN_MS,
      diagnoseResume,
    });
    this.#running = false;
    this.button.disabled = false;
    this.resumeButton.disabled = false;
    if (!result.ok) {
      replaceChildren(this.#result, [h('p', { class: 'field-error', text: result.error.message })]);
      return;
    }
    this.#show(result.value);
    this.#onEvents(result.value.events);
  }

  #show(check: FeedCheckResult): void {
    const facts = [
      check.httpStatus === null ? null : `HTTP ${check.httpStatus}`,
      check.contentType,
      check.responseMs === null ? null : `${check.responseMs} ms`,
    ].filter((fact): fact is string => fact !== null);
    replaceChildren(this.#result, [
      h('p', {
        class: `test-verdict ${check.ok ? 'verdict-ok' : 'verdict-bad'}`,
        t: check.ok ? 'test.ok' : 'test.failed',
      }),
      facts.length > 0 ? h('p', { class: 'muted', text: facts.join(' · ') }) : null,
      // Main's sentence about resuming, when it was asked: whether events missed while away come back.
      check.resume
        ? h('p', {
            class: `test-resume resume-${check.resume.verdict}`,
            text: check.resume.message,
          })
        : null,
      check.problems.length > 0
        ? h(
            'ul',
            { class: 'test-problems', ariaLabel: 'test.problems' },
            check.problems.map((text) => h('li', { text })),
          )
        : null,
      check.notes.length > 0
        ? h(
            'ul',
            { class: 'test-notes', ariaLabel: 'test.notes' },
            check.notes.map((text) => h('li', { text })),
          )
        : null,
      h('p', {
        class: 'muted',
        t: [
          'test.eventsSeen',
          { n: formatCount(check.events.length), types: check.eventTypes.join(', ') || '—' },
        ],
      }),
    ]);
  }
}
