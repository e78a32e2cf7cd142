/**
 * A feed's action buttons as the editor holds them (every input as typed), and their translation into
 * what the action schema checks. Ids are not typed: a saved action keeps its id (presses are recorded
 * by it), a new one gets one made from its label. Pure: no page.
 */
import type { HttpMethod } from '../../shared/actions.ts';
import type { FeedAction } from '../../shared/rules/schema.ts';

/** What an empty content type means (the schema's default). */
export const DEFAULT_CONTENT_TYPE = 'application/json';
/** The longest id; the schema allows 32, and a made-up one leaves room for a `-10` suffix. */
const ID_STEM_MAX = 28;

/** One action. */
export interface ActionDraft {
  /** The saved id, kept whatever the label becomes; null for an action added in this session. */
  id: string | null;
  label: string;
  method: HttpMethod;
  url: string;
  body: string;
  /** What an empty body field saves as: null (no body), or '' for an action saved with an empty body. */
  emptyBody: '' | null;
  contentType: string;
  /** Empty for none (the feed's own server only). */
  allowHost: string;
}

/** A new action: a POST with no body yet, to the feed's own server. */
export function blankAction(): ActionDraft {
  return {
    id: null,
    label: '',
    method: 'POST',
    url: '',
    body: '',
    emptyBody: null,
    contentType: DEFAULT_CONTENT_TYPE,
    allowHost: '',
  };
}

/** The drafts of saved actions. */
export function actionsDraft(actions: readonly FeedAction[]): ActionDraft[] {
  return actions.map((action) => ({
    id: action.id,
    label: action.label,
    method: action.method,
    url: action.url,
    body: action.body ?? '',
    emptyBody: action.body === '' ? '' : null,
    contentType: action.contentType,
    allowHost: action.allowHost ?? '',
  }));
}

/** The actions as the schema takes them (checked by the caller), with ids for the new ones. */
export function draftToActions(drafts: readonly ActionDraft[]): FeedAction[] {
  const ids = actionIds(drafts);
  return drafts.map((draft, index) => ({
    id: ids[index]!,
    label: draft.label,
    method: draft.method,
    url: draft.url,
    body: draft.body === '' ? draft.emptyBody : draft.body,
    contentType: draft.contentType.trim() === '' ? DEFAULT_CONTENT_TYPE : draft.contentType.trim(),
    allowHost: draft.allowHost.trim() === '' ? null : draft.allowHost.trim(),
  }));
}

/** Every action's id: saved ones as they are, new ones from their labels, never one already taken. */
export function actionIds(drafts: readonly ActionDraft[]): string[] {
  const taken = new Set(drafts.flatMap((draft) => (draft.id === null ? [] : [draft.id])));
  return drafts.map((draft) => {
    if (draft.id !== null) return draft.id;
    const stem = idStem(draft.label);
    let id = stem;
    for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
    taken.add(id);
    return id;
  });
}

/** "Acknowledge!" → "acknowledge", "Résoudre l'alerte" → "resoudre-l-alerte"; "确认" → "action". */
export function idStem(label: string): string {
  const stem = label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .slice(0, ID_STEM_MAX)
    .replace(/^-+|-+$/g, '');
  return stem === '' ? 'action' : stem;
}

/** Whether the body field is shown: for methods that send one, or when a GET still holds one. */
export function showsBody(draft: Pick<ActionDraft, 'method' | 'body'>): boolean {
  return draft.method !== 'GET' || draft.body !== '';
}
