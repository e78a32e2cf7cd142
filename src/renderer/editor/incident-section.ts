/**
 * The editor's incident fields: the key pointer (`/alert_id`) and a "resolved when <field> equals
 * <value>" condition. A richer "resolved when" set in the settings JSON is kept as it is and said so.
 */
import type { IncidentConfig } from '../../shared/rules/schema.ts';
import type { RedactedFeed } from '../../shared/settings.ts';
import { h } from '../dom.ts';
import type { FieldKit } from './editor-sections.ts';

/** The incident fields as typed. */
export interface IncidentDraft {
  key: string;
  resolvedField: string;
  resolvedValue: string;
  /** The saved "resolved when" has more than one equals test: not editable here, kept as it is. */
  kept: IncidentConfig['resolvedWhen'];
}

/** The incident fields of a feed (empty for a new one). */
export function incidentDraft(feed: RedactedFeed | null): IncidentDraft {
  const incident = feed?.incident;
  const group = incident?.resolvedWhen ?? null;
  const [only] = group?.conditions ?? [];
  const simple = group === null || (group.conditions.length === 1 && only?.op === 'equals');
  return {
    key: incident?.key ?? '',
    resolvedField: simple && only?.op === 'equals' ? only.field : '',
    resolvedValue: simple && only?.op === 'equals' ? only.value : '',
    kept: simple ? null : group,
  };
}

/** The incident settings the fields describe. */
export function draftIncident(draft: IncidentDraft): IncidentConfig {
  const key = draft.key.trim();
  const field = draft.resolvedField.trim();
  const resolvedWhen =
    draft.kept ??
    (field === ''
      ? null
      : {
          match: 'all' as const,
          conditions: [{ op: 'equals' as const, field, value: draft.resolvedValue }],
        });
  return { key: key === '' ? null : key, resolvedWhen };
}

/** The fieldset: key pointer, then "resolved when field equals value". */
export function incidentSection(kit: FieldKit, incident: IncidentDraft): HTMLElement {
  const resolvedPath = 'incident.resolvedWhen.conditions.0';
  return h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.incident' }),
    h('p', { class: 'field-hint', t: 'editor.incidentHint' }),
    kit.text('incident.key', {
      label: 'editor.incidentKey',
      value: incident.key,
      set: (value) => (incident.key = value),
      attrs: { placeholder: '/alert_id' },
    }).element,
    incident.kept
      ? h('p', { class: 'field-hint', t: 'editor.resolvedKept', attrs: { role: 'note' } })
      : h('div', { class: 'grid-2' }, [
          kit.text(`${resolvedPath}.field`, {
            label: 'editor.resolvedField',
            value: incident.resolvedField,
            set: (value) => (incident.resolvedField = value),
            attrs: { placeholder: '/status' },
          }).element,
          kit.text(`${resolvedPath}.value`, {
            label: 'editor.resolvedValue',
            value: incident.resolvedValue,
            set: (value) => (incident.resolvedValue = value),
            attrs: { placeholder: 'resolved' },
          }).element,
        ]),
  ]);
}
