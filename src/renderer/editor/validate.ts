/**
 * Checking a draft as the user types, with the same zod schemas main validates against, and putting
 * each problem next to its field in the user's language.
 */
import { IPC, type IpcError } from '../../shared/ipc.ts';
import { presetProblem } from '../../shared/presets.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { actionIssue } from './actions-issues.ts';
import { draftToUpdate, type FeedDraft } from './draft.ts';

/** Problems by field path (`url`, `headers.0.name`, …); the empty path is the form as a whole. */
export type FieldErrors = Map<string, string>;

/** The field a schema path belongs to: list items collapse onto their list, header rows keep their index. */
export function fieldOf(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'headers' && parts.length >= 3) return parts.slice(0, 3).join('.');
  // An action's own fields keep their index (`actions.0.url`); list problems go to the list.
  if (parts[0] === 'actions') return parts.length >= 3 ? parts.slice(0, 3).join('.') : 'actions';
  // A bad severity word points at the words field, whichever line it is on.
  if (parts[0] === 'severity' && parts[1] === 'words') return 'severity.words';
  while (parts.length > 0 && /^\d+$/.test(parts.at(-1)!)) parts.pop();
  return parts.join('.');
}

const MESSAGES: Record<string, MessageKey> = {
  name: 'editor.error.name',
  url: 'editor.error.url',
  eventTypes: 'editor.error.eventTypes',
  'mapping.title': 'editor.error.pointer',
  'mapping.body': 'editor.error.pointer',
  'mapping.link': 'editor.error.pointer',
  'mapping.value': 'editor.error.pointer',
  'mapping.severity': 'editor.error.pointer',
  idPointer: 'editor.error.pointer',
  'resume.queryParam': 'editor.error.resumeParam',
  'resume.initial': 'editor.error.resumeInitial',
  'notify.minIntervalS': 'editor.error.minInterval',
  'notify.burstThreshold': 'editor.error.burstThreshold',
  'severity.words': 'editor.error.severityWords',
  'notify.include': 'editor.error.keywords',
  'notify.exclude': 'editor.error.keywords',
  stallTimeoutS: 'editor.error.stallTimeout',
  maxEventBytes: 'editor.error.maxEventSize',
};

/** Every problem in the draft, localized; empty when it can be saved. */
export function validateDraft(draft: FeedDraft): FieldErrors {
  const errors: FieldErrors = new Map();
  const schema = draft.id === null ? IPC['feeds:add'].request : IPC['feeds:update'].request;
  const parsed = schema.safeParse(draftToUpdate(draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const field = fieldOf(path);
      if (errors.has(field)) continue;
      errors.set(
        field,
        actionIssue(draft.actions, field, issue.message) ?? localizeIssue(field, issue.message),
      );
    }
  }
  const presetProblemAt = presetProblem(draft.preset, draft.url.trim());
  if (presetProblemAt !== null && !errors.has('url'))
    errors.set('url', t(draft.preset === 'ntfy' ? 'editor.error.ntfyTopic' : 'editor.error.mercureTopic'));
  draft.headers.forEach((header, index) => {
    // main keeps a saved secret by its name; renamed, it would have nothing to keep.
    if (
      header.secret &&
      header.saved === 'set' &&
      !header.replacing &&
      header.name.trim() !== header.savedName
    ) {
      errors.set(`headers.${index}.value`, t('editor.error.secretRenamed'));
    }
    if (header.secret && (header.saved !== 'set' || header.replacing) && header.value === '') {
      errors.set(`headers.${index}.value`, t('editor.error.secretEmpty'));
    }
  });
  return errors;
}

/** Main's refusal as field problems; its sentences are shown as they are (they can be more specific). */
export function errorsFromIpc(error: IpcError): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const issue of error.issues ?? []) {
    const field = fieldOf(issue.path);
    if (!errors.has(field)) errors.set(field, issue.message);
  }
  if (errors.size === 0) errors.set('', error.message);
  return errors;
}

/** A rule's number inputs: an empty or unreadable one gets zod's generic message, said plainly instead. */
const RULE_NUMBER = /^rules\.\d+\.conditions\.\d+\.(value|level|amount|withinMin|rearm)$/;

function localizeIssue(field: string, schemaMessage: string): string {
  if (RULE_NUMBER.test(field) && schemaMessage.startsWith('Invalid input')) return t('rules.error.number');
  if (/^rules\.\d+\.name$/.test(field)) return t('rules.error.name');
  if (/^headers\.\d+\.name$/.test(field)) return t('editor.error.headerName');
  if (/^headers\.\d+\.value$/.test(field)) return t('editor.error.headerValue');
  const key = MESSAGES[field];
  return key ? t(key) : schemaMessage;
}
