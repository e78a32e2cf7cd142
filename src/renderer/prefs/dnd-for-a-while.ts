/**
 * Do-not-disturb for a while: "for 1 hour", "for 4 hours", "until tomorrow 09:00", the same choices the
 * tray offers; while it is on, the time it ends and a way to end it now.
 */
import { formatUntil } from '../../shared/presentation/snooze.ts';
import type { AppContext } from '../app-context.ts';
import { h, uid } from '../dom.ts';
import { currentLanguage, localize } from '../i18n/index.ts';

const CHOICES = ['1h', '4h', 'tomorrow'] as const;

/** The control, kept in step with the app state. */
export function dndForAWhile(ctx: AppContext): HTMLElement {
  const select = h('select', { attrs: { id: uid('dnd-for') } }, [
    h('option', { t: 'prefs.dndForPick', attrs: { value: '' } }),
    ...CHOICES.map((choice) => h('option', { t: `quiet.${choice}`, attrs: { value: choice } })),
  ]);
  const status = h('span', { class: 'muted' });
  const stop = h('button', { class: 'button button-small', t: 'prefs.dndEndNow', attrs: { type: 'button' } });
  const active = h('p', { class: 'dnd-until', attrs: { hidden: true } }, [status, stop]);
  const set = async (request: { choice: (typeof CHOICES)[number] | 'off' }): Promise<void> => {
    const result = await ctx.ipc.invoke('app:setDoNotDisturb', request);
    if (!result.ok) return ctx.notices.error('prefs.saveFailed', result.error);
    ctx.store.setState(result.value);
  };
  select.addEventListener('change', () => {
    const choice = CHOICES.find((item) => item === select.value);
    select.value = '';
    if (choice) void set({ choice });
  });
  stop.addEventListener('click', () => void set({ choice: 'off' }));
  const render = (): void => {
    const until = ctx.store.state?.doNotDisturb.until ?? null;
    active.hidden = until === null;
    if (until !== null)
      localize(status, ['prefs.dndUntil', { time: formatUntil(until, Date.now(), currentLanguage()) ?? '' }]);
  };
  ctx.store.on('state', render);
  render();
  return h('div', { class: 'field' }, [
    h('label', { t: 'prefs.dndFor', attrs: { for: select.id } }),
    select,
    active,
  ]);
}
