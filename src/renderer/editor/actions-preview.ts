/**
 * Under the action buttons: what the first one would send for the feed's newest stored event, planned
 * by the same code main runs on a press (shared/action-plan.ts), so "would be refused" here means
 * refused there. The event is asked of main once (`history:query`, one event); nothing is sent.
 */
import { planAction, type ActionPlan } from '../../shared/action-plan.ts';
import { feedButtonId } from '../../shared/actions.ts';
import type { FeedEvent } from '../../shared/feed.ts';
import { presetStreamUrl } from '../../shared/presets.ts';
import { FeedActionSchema, type FeedAction } from '../../shared/rules/schema.ts';
import type { IpcClient } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime } from '../format.ts';
import type { Msg } from '../i18n/index.ts';
import { draftToActions } from './actions-draft.ts';
import type { FeedDraft } from './draft.ts';

/** What the editor can preview now. */
export type ActionPreviewInput =
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'action'; action: FeedAction; feed: { name: string; url: string } };

/** The preview's input for `draft`: only a first action (and feed address) with no problem is planned. */
export function actionPreviewInput(
  draft: FeedDraft,
  errors: ReadonlyMap<string, string>,
): ActionPreviewInput {
  const [first] = draftToActions(draft.actions);
  if (first === undefined) return { kind: 'none' };
  const parsed = FeedActionSchema.safeParse(first);
  const blocked = [...errors.keys()].some((path) => path === 'url' || path.startsWith('actions.0.'));
  if (blocked || !parsed.success) return { kind: 'invalid' };
  const feed = { name: draft.name.trim(), url: presetStreamUrl(draft.preset, draft.url.trim()) };
  return { kind: 'action', action: parsed.data, feed };
}

type Newest = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; event: FeedEvent | null };

/** The preview of one editor. */
export class ActionPreview {
  readonly element = h('section', {
    class: 'action-preview',
    ariaLabel: 'actions.preview.label',
    attrs: { 'aria-live': 'polite', hidden: true },
  });
  readonly #ipc: IpcClient;
  readonly #feedId: string | null;
  #newest: Newest | null = null;
  #input: ActionPreviewInput = { kind: 'none' };
  #closed = false;

  /** `feedId` is null for a feed not saved yet (it has no events). */
  constructor(ipc: IpcClient, feedId: string | null) {
    this.#ipc = ipc;
    this.#feedId = feedId;
  }

  /** The draft changed. The newest event is asked for the first time there is an action to show. */
  update(input: ActionPreviewInput): void {
    this.#input = input;
    if (input.kind !== 'none' && this.#newest === null && this.#feedId !== null)
      void this.#load(this.#feedId);
    this.#render();
  }

  /** The editor closed: an answer still on its way is dropped. */
  dispose(): void {
    this.#closed = true;
  }

  async #load(feedId: string): Promise<void> {
    this.#newest = { state: 'loading' };
    const result = await this.#ipc.invoke('history:query', { feedId, limit: 1 });
    if (this.#closed) return;
    this.#newest = result.ok
      ? { state: 'ready', event: result.value.events[0] ?? null }
      : { state: 'failed' };
    this.#render();
  }

  #render(): void {
    const input = this.#input;
    this.element.hidden = input.kind === 'none';
    this.element.removeAttribute('aria-busy');
    if (input.kind === 'none') return;
    if (this.#feedId === null) return this.#note('actions.preview.unsaved', 'unsaved');
    const newest = this.#newest;
    if (newest === null || newest.state === 'loading') {
      this.element.setAttribute('aria-busy', 'true');
      return this.#note('actions.preview.loading', 'loading');
    }
    if (newest.state === 'failed') return this.#note('actions.preview.failed', 'failed');
    if (newest.event === null) return this.#note('actions.preview.noEvent', 'empty');
    if (input.kind === 'invalid') return this.#note('actions.preview.invalid', 'invalid');
    const plan = planFor(input, newest.event);
    if (plan === null) return this.#note('actions.preview.invalid', 'invalid');
    this.#show(plan, newest.event);
  }

  #note(msg: Msg, state: string): void {
    this.element.dataset.state = state;
    replaceChildren(this.element, [h('p', { class: 'action-preview-note', t: msg })]);
  }

  #show(plan: ActionPlan, event: FeedEvent): void {
    const about = h('p', {
      class: 'action-preview-event',
      t: ['actions.preview.event', { title: event.title, time: formatDateTime(event.receivedAt) }],
    });
    if (plan.kind !== 'http') {
      this.element.dataset.state = 'refused';
      const message = plan.kind === 'refused' ? plan.message : plan.url;
      replaceChildren(this.element, [
        about,
        h('p', { t: ['actions.preview.refused', { label: plan.label }] }),
        h('p', { class: 'action-preview-request', text: message }),
      ]);
      return;
    }
    const { request } = plan;
    this.element.dataset.state = 'ready';
    replaceChildren(this.element, [
      about,
      h('p', { t: ['actions.preview.sends', { label: plan.label }] }),
      h('p', { class: 'action-preview-request', text: `${request.method} ${request.url}` }),
      ...request.headers.map(([name, value]) =>
        h('p', { class: 'action-preview-request', text: `${name}: ${value}` }),
      ),
      request.body === null ? null : h('pre', { class: 'action-preview-body', text: request.body }),
      h('p', { class: 'muted', t: 'actions.preview.withHeaders' }),
    ]);
  }
}

/** The plan for the action on `event`; null when the draft's address cannot be read as a feed's. */
function planFor(
  input: Extract<ActionPreviewInput, { kind: 'action' }>,
  event: FeedEvent,
): ActionPlan | null {
  try {
    const feed = { ...input.feed, actions: [input.action], mapping: {} };
    return planAction(feed, event, feedButtonId(input.action));
  } catch {
    // The feed's own address is not a URL yet (it is being typed): its error shows on that field.
    return null;
  }
}
