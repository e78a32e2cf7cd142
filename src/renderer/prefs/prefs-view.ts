/**
 * The Preferences tab: notifications, do-not-disturb and its schedule, launch at login, language, and
 * how much history to keep (events per feed, days, database and per-feed megabytes). Every change is saved at once (`prefs:set`), checked first with the shared schema.
 */
import {
  PreferencesPatchSchema,
  LANGUAGES,
  type Language,
  type PreferencesPatch,
} from '../../shared/settings.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { onLanguageChange, t, type MessageKey } from '../i18n/index.ts';
import { dndForAWhile } from './dnd-for-a-while.ts';
import { SettingsTransfer } from './settings-transfer.ts';

const LANGUAGE_LABELS: Record<Language, MessageKey> = {
  system: 'prefs.languageSystem',
  en: 'prefs.languageEn',
  'zh-CN': 'prefs.languageZh',
};

/** The history limits, in the order shown. */
const HISTORY_PREFS = ['historySize', 'historyMaxAgeDays', 'historyMaxMB', 'historyFeedMaxMB'] as const;
type HistoryPref = (typeof HISTORY_PREFS)[number];
const HISTORY_TEXT: Record<HistoryPref, { label: MessageKey; hint: MessageKey; error: MessageKey }> = {
  historySize: {
    label: 'prefs.historySize',
    hint: 'prefs.historySizeHint',
    error: 'prefs.historySizeError',
  },
  historyMaxAgeDays: {
    label: 'prefs.historyMaxAgeDays',
    hint: 'prefs.historyMaxAgeDaysHint',
    error: 'prefs.historyMaxAgeDaysError',
  },
  historyMaxMB: { label: 'prefs.historyMaxMB', hint: 'prefs.historyMBHint', error: 'prefs.historyMBError' },
  historyFeedMaxMB: {
    label: 'prefs.historyFeedMaxMB',
    hint: 'prefs.historyMBHint',
    error: 'prefs.historyMBError',
  },
};

function isHistoryPref(path: string): path is HistoryPref {
  return (HISTORY_PREFS as readonly string[]).includes(path);
}

/** The Preferences tab panel. */
export class PrefsView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #checks = new Map<string, HTMLInputElement>();
  readonly #language = h('select', { attrs: { id: 'pref-language', name: 'language' } });
  readonly #from = h('input', {
    class: 'input-time',
    attrs: { id: uid('dnd-from'), type: 'text', inputmode: 'numeric', placeholder: '22:00', maxlength: 5 },
  });
  readonly #to = h('input', {
    class: 'input-time',
    attrs: { id: uid('dnd-to'), type: 'text', inputmode: 'numeric', placeholder: '07:00', maxlength: 5 },
  });
  /** History limits: each a whole number saved on change, with its own error message. */
  readonly #historyFields = new Map<HistoryPref, HTMLInputElement>(
    HISTORY_PREFS.map((name) => [
      name,
      h('input', {
        class: 'input-number',
        attrs: { id: uid(name), type: 'text', inputmode: 'numeric', name },
      }),
    ]),
  );
  readonly #errors = new Map<string, HTMLElement>();
  readonly #about = h('dl', { class: 'about' });
  #lastManual: boolean | null = null;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    replaceChildren(
      this.#language,
      LANGUAGES.map((language) => h('option', { t: LANGUAGE_LABELS[language], attrs: { value: language } })),
    );
    this.#language.addEventListener(
      'change',
      () => void this.#save({ language: this.#language.value as Language }),
    );
    for (const input of [this.#from, this.#to]) input.addEventListener('change', () => this.#saveSchedule());
    for (const [name, input] of this.#historyFields) {
      // An empty or non-numeric field is NaN, which the schema refuses with the field's own message.
      const value = (): number => (input.value.trim() === '' ? Number.NaN : Number(input.value.trim()));
      input.addEventListener('change', () => void this.#save({ [name]: value() }, name));
    }

    this.element = h('section', { class: 'panel' }, [
      h('header', { class: 'panel-header' }, [h('h2', { t: 'prefs.title' })]),
      h('div', { class: 'prefs-grid' }, [
        h('fieldset', { class: 'fieldset' }, [
          h('legend', { t: 'prefs.notifications' }),
          this.#check('notificationsEnabled', 'prefs.notificationsEnabled', (on) => ({
            notificationsEnabled: on,
          })),
          this.#check('dndManual', 'prefs.dndManual', (on) => ({ doNotDisturb: { manual: on } })),
          dndForAWhile(ctx),
          this.#check('dndSchedule', 'prefs.dndSchedule', (on) => ({
            doNotDisturb: { schedule: { enabled: on } },
          })),
          h('div', { class: 'time-range' }, [
            this.#field('prefs.dndFrom', this.#from, 'doNotDisturb.schedule.from'),
            this.#field('prefs.dndTo', this.#to, 'doNotDisturb.schedule.to'),
          ]),
          h('p', { class: 'field-hint', t: 'prefs.dndHint' }),
        ]),
        h('fieldset', { class: 'fieldset' }, [
          h('legend', { t: 'prefs.general' }),
          this.#field('prefs.language', this.#language, 'language'),
          this.#check('launchAtLogin', 'prefs.launchAtLogin', (on) => ({ launchAtLogin: on })),
        ]),
        h('fieldset', { class: 'fieldset' }, [
          h('legend', { t: 'prefs.history' }),
          ...HISTORY_PREFS.map((name) =>
            this.#field(
              HISTORY_TEXT[name].label,
              this.#historyFields.get(name)!,
              name,
              HISTORY_TEXT[name].hint,
            ),
          ),
        ]),
        new SettingsTransfer(ctx).element,
        h('fieldset', { class: 'fieldset' }, [h('legend', { t: 'prefs.about' }), this.#about]),
      ]),
    ]);
    ctx.store.on('prefs', () => this.#renderPrefs());
    ctx.store.on('state', () => this.#renderState());
    onLanguageChange(() => this.#renderState());
  }

  #check(name: string, label: MessageKey, patch: (checked: boolean) => PreferencesPatch): HTMLElement {
    const input = h('input', { attrs: { type: 'checkbox', name } });
    input.addEventListener('change', () => void this.#save(patch(input.checked)));
    this.#checks.set(name, input);
    return h('label', { class: 'check' }, [input, h('span', { t: label })]);
  }

  #field(
    label: MessageKey,
    control: HTMLInputElement | HTMLSelectElement,
    path: string,
    hint?: MessageKey,
  ): HTMLElement {
    const error = h('p', { class: 'field-error', attrs: { id: uid('error'), hidden: true, role: 'alert' } });
    this.#errors.set(path, error);
    control.setAttribute('aria-describedby', error.id);
    return h('div', { class: 'field' }, [
      h('label', { t: label, attrs: { for: control.id } }),
      control,
      hint ? h('p', { class: 'field-hint', t: hint }) : null,
      error,
    ]);
  }

  #saveSchedule(): void {
    void this.#save({
      doNotDisturb: { schedule: { from: this.#from.value.trim(), to: this.#to.value.trim() } },
    });
  }

  async #save(patch: PreferencesPatch, focusPath?: string): Promise<void> {
    for (const error of this.#errors.values()) error.hidden = true;
    const checked = PreferencesPatchSchema.safeParse(patch);
    const issues = checked.success
      ? []
      : checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    if (issues.length === 0) {
      const result = await this.#ctx.ipc.invoke('prefs:set', patch);
      if (result.ok) {
        this.#ctx.store.setPrefs(result.value);
        this.#ctx.notices.info('prefs.saved');
        return;
      }
      issues.push(...(result.error.issues ?? [{ path: focusPath ?? '', message: result.error.message }]));
      if (!result.error.issues) this.#ctx.notices.error('prefs.saveFailed', result.error);
    }
    for (const issue of issues) {
      const error = this.#errors.get(issue.path);
      if (!error) continue;
      error.hidden = false;
      error.textContent = isHistoryPref(issue.path)
        ? t(HISTORY_TEXT[issue.path].error)
        : issue.path.startsWith('doNotDisturb')
          ? t('prefs.timeError')
          : issue.message;
    }
  }

  #renderPrefs(): void {
    const prefs = this.#ctx.store.prefs;
    if (prefs) {
      const set = (name: string, checked: boolean): void => void (this.#checks.get(name)!.checked = checked);
      set('notificationsEnabled', prefs.notificationsEnabled);
      set('dndManual', prefs.doNotDisturb.manual);
      set('dndSchedule', prefs.doNotDisturb.schedule.enabled);
      set('launchAtLogin', prefs.launchAtLogin);
      this.#language.value = prefs.language;
      // Never overwrite what the user is typing in a text field.
      if (document.activeElement !== this.#from) this.#from.value = prefs.doNotDisturb.schedule.from;
      if (document.activeElement !== this.#to) this.#to.value = prefs.doNotDisturb.schedule.to;
      for (const [name, input] of this.#historyFields) {
        if (document.activeElement !== input) input.value = String(prefs[name]);
      }
    }
  }

  #renderState(): void {
    const state = this.#ctx.store.state;
    if (!state) return;
    // The tray can switch do-not-disturb too; follow it only when it changed, so a state pushed while
    // the user's own click is on its way does not flip the checkbox back.
    if (state.doNotDisturb.manual !== this.#lastManual) {
      this.#lastManual = state.doNotDisturb.manual;
      this.#checks.get('dndManual')!.checked = state.doNotDisturb.manual;
    }
    const storage = `${state.secretStorage.backend}${state.secretStorage.weak ? ` (${t('prefs.weak')})` : ''}`;
    replaceChildren(this.#about, [
      h('dt', { t: 'prefs.version' }),
      h('dd', { text: state.version }),
      h('dt', { t: 'prefs.secretStorage' }),
      h('dd', { text: storage }),
      h('dt', { t: 'prefs.notificationSupport' }),
      h('dd', { t: state.notificationsSupported ? 'common.yes' : 'common.no' }),
    ]);
  }
}
