/**
 * The action schema's problems said in the user's language, next to the field they are about. The
 * schema's sentences are English; the draft says which case it is (an empty label, an unknown `{…}`).
 */
import { TEMPLATE_FIELDS, unknownPlaceholders } from '../../shared/rules/template.ts';
import { t } from '../i18n/index.ts';
import type { ActionDraft } from './actions-draft.ts';

const ACTION_FIELD = /^actions\.(\d+)\.(\w+)$/;

/**
 * The message for a problem at `field` (`actions.0.url`, or `actions` for the list), or null when the
 * field is not an action's.
 */
export function actionIssue(
  actions: readonly ActionDraft[],
  field: string,
  schemaMessage: string,
): string | null {
  if (field === 'actions') return t('editor.error.actionsList', { message: schemaMessage });
  const match = ACTION_FIELD.exec(field);
  const action = match ? actions[Number(match[1])] : undefined;
  if (!match || !action) return null;
  switch (match[2]) {
    case 'label':
      return t(action.label.trim() === '' ? 'actions.error.label' : 'actions.error.labelLong');
    case 'url':
      return templateIssue(action.url) ?? t('actions.error.url');
    case 'body':
      return templateIssue(action.body) ?? schemaMessage;
    case 'contentType':
      return t('actions.error.contentType');
    case 'allowHost':
      return t('actions.error.allowHost');
    default:
      return schemaMessage;
  }
}

/** An unknown `{…}` or a template that is too long; null when the template is empty. */
function templateIssue(template: string): string | null {
  const [unknown] = unknownPlaceholders(template);
  if (unknown !== undefined) {
    return t('actions.error.unknownField', {
      field: `{${unknown.slice(0, 60)}}`,
      fields: TEMPLATE_FIELDS.map((name) => `{${name}}`).join(' '),
    });
  }
  return template === '' ? null : t('actions.error.templateLong');
}
