/**
 * The editor's "Severity and sound" fieldset: the level of events without one, this server's own words,
 * the lowest level that notifies, whether urgent breaks through quiet time, and a sound per level.
 */
import { SOUND_NAMES } from '../../shared/sounds.ts';
import { SEVERITIES, SEVERITY_NAMES, type Severity } from '../../shared/presentation/severity.ts';
import { h, uid } from '../dom.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { FieldKit } from './editor-sections.ts';
import { checkbox, field } from './fields.ts';
import type { SeverityDraft } from './severity-draft.ts';

const SOUND_CHOICES = ['none', 'os', ...SOUND_NAMES] as const;

/** The fieldset, bound to `draft` through the kit (every change revalidates). */
export function severitySection(kit: FieldKit, draft: SeverityDraft): HTMLElement {
  const levelSelect = (path: string, value: Severity, set: (level: Severity) => void): HTMLSelectElement => {
    const select = h(
      'select',
      { attrs: { id: uid('severity'), name: path } },
      SEVERITIES.map((level) =>
        h('option', { t: `severity.${level}` as MessageKey, attrs: { value: level } }),
      ),
    );
    select.value = String(value);
    select.addEventListener('change', () =>
      kit.edit(path, () => set(Number(select.value) as Severity))(select.value),
    );
    return select;
  };
  const words = h('textarea', {
    class: 'input-words',
    attrs: {
      id: uid('words'),
      name: 'severity.words',
      rows: 3,
      spellcheck: 'false',
      placeholder: 'sev1 = urgent',
    },
  });
  words.value = draft.words;
  words.addEventListener('input', () =>
    kit.edit('severity.words', (value) => (draft.words = value))(words.value),
  );
  const sounds = SEVERITIES.map((level) => {
    const name = SEVERITY_NAMES[level];
    const select = h(
      'select',
      { attrs: { id: uid('sound'), name: `notify.sounds.${name}` } },
      SOUND_CHOICES.map((choice) =>
        h('option', { t: `sound.${choice}` as MessageKey, attrs: { value: choice } }),
      ),
    );
    select.value = draft.sounds[name];
    select.addEventListener('change', () =>
      kit.edit(
        `notify.sounds.${name}`,
        () => (draft.sounds[name] = select.value as SeverityDraft['sounds'][typeof name]),
      )(select.value),
    );
    return field({
      label: `severity.${level}` as MessageKey,
      control: select,
      path: `notify.sounds.${name}`,
      errors: kit.errors,
    });
  });
  return h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.severity' }),
    h('div', { class: 'grid-2' }, [
      field({
        label: 'editor.defaultSeverity',
        control: levelSelect(
          'severity.default',
          draft.defaultSeverity,
          (level) => (draft.defaultSeverity = level),
        ),
        path: 'severity.default',
        errors: kit.errors,
        hint: 'editor.defaultSeverityHint',
      }),
      field({
        label: 'editor.minSeverity',
        control: levelSelect('notify.minSeverity', draft.minSeverity, (level) => (draft.minSeverity = level)),
        path: 'notify.minSeverity',
        errors: kit.errors,
        hint: 'editor.minSeverityHint',
      }),
    ]),
    field({
      label: 'editor.severityWords',
      control: words,
      path: 'severity.words',
      errors: kit.errors,
      hint: 'editor.severityWordsHint',
    }),
    checkbox(
      'editor.urgentBreaksThrough',
      draft.urgentBreaksThrough,
      (checked) => (draft.urgentBreaksThrough = checked),
    ),
    h('p', { class: 'field-hint', t: 'editor.soundsHint' }),
    h('div', { class: 'grid-sounds' }, sounds),
  ]);
}
