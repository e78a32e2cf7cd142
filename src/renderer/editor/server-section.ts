/**
 * The editor's "Server" fieldset: the preset (generic SSE, ntfy, Mercure) and the knobs it fills: where
 * the id is when the stream sends none, the URL parameter the server resumes by, its first-connect
 * value, and the named events that are only heartbeats. Choosing a preset fills them and the mapping.
 */
import { PRESET_NAMES, type PresetName } from '../../shared/feed.ts';
import { h } from '../dom.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { field } from './fields.ts';
import type { FieldKit } from './editor-sections.ts';

const PRESET_LABELS: Record<PresetName, MessageKey> = {
  generic: 'editor.preset.generic',
  ntfy: 'editor.preset.ntfy',
  mercure: 'editor.preset.mercure',
};

/** The fieldset, and `refresh` to show the draft's knobs again after a preset filled them. */
export function serverSection(
  kit: FieldKit,
  onPreset: (name: PresetName) => void,
): { element: HTMLElement; refresh(): void } {
  const { draft } = kit;
  const select = h(
    'select',
    { attrs: { name: 'preset' } },
    PRESET_NAMES.map((name) => h('option', { text: t(PRESET_LABELS[name]), attrs: { value: name } })),
  );
  select.value = draft.preset;
  select.addEventListener('change', () => onPreset(select.value as PresetName));
  type TextKnob = 'idPointer' | 'resumeParam' | 'resumeInitial' | 'heartbeatTypes';
  const knob = (path: string, key: TextKnob, label: MessageKey, hint: MessageKey) =>
    kit.text(path, { label, value: draft[key], set: (value) => (draft[key] = value), hint });
  const idPointer = knob('idPointer', 'idPointer', 'editor.idPointer', 'editor.idPointerHint');
  const param = knob('resume.queryParam', 'resumeParam', 'editor.resumeParam', 'editor.resumeParamHint');
  const initial = knob('resume.initial', 'resumeInitial', 'editor.resumeInitial', 'editor.resumeInitialHint');
  const heartbeats = knob(
    'heartbeatTypes',
    'heartbeatTypes',
    'editor.heartbeatTypes',
    'editor.heartbeatTypesHint',
  );
  const element = h('fieldset', { class: 'fieldset' }, [
    h('legend', { t: 'editor.server' }),
    field({
      label: 'editor.preset',
      control: select,
      path: 'preset',
      errors: kit.errors,
      hint: 'editor.presetHint',
    }),
    h('div', { class: 'grid-2' }, [idPointer.element, heartbeats.element, param.element, initial.element]),
  ]);
  const refresh = () => {
    select.value = draft.preset;
    idPointer.input.value = draft.idPointer;
    param.input.value = draft.resumeParam;
    initial.input.value = draft.resumeInitial;
    heartbeats.input.value = draft.heartbeatTypes;
  };
  return { element, refresh };
}
