/**
 * The window's composition root: builds the store, the views and the tabs, connects pushes, loads the
 * first data. Views get their world through `AppContext` and never reach for globals.
 */
import { playSound } from './sounds.ts';
import type { IpcClient } from './api.ts';
import type { AppContext, EditRequest, TabId } from './app-context.ts';
import { ChartsView } from './charts/charts-view.ts';
import { AppHeader } from './components/app-header.ts';
import { Banners } from './components/banners.ts';
import { Notices } from './components/notices.ts';
import { Tabs } from './components/tabs.ts';
import { h } from './dom.ts';
import { FeedEditor } from './editor/feed-editor.ts';
import { FeedsView } from './feeds/feeds-view.ts';
import { HistoryView } from './history/history-view.ts';
import { IncidentsView } from './incidents/incidents-view.ts';
import { setLanguage, t } from './i18n/index.ts';
import { LiveView } from './live/live-view.ts';
import { PrefsView } from './prefs/prefs-view.ts';
import { AppStore } from './store/app-store.ts';

/** How much history the live list and charts start with. */
const SEED_EVENTS = 500;

/** Builds the whole window into `root` and starts loading. */
export function startApp(root: HTMLElement, ipc: IpcClient): AppContext {
  const store = new AppStore();
  const notices = new Notices();
  let editor: FeedEditor | null = null;
  let tabs: Tabs<TabId> | null = null;
  const ctx: AppContext = {
    ipc,
    store,
    notices,
    edit: (request: EditRequest) => editor?.open(request),
    showTab: (tab) => tabs?.select(tab, true),
  };
  editor = new FeedEditor(ctx);
  const feeds = new FeedsView(ctx);
  const live = new LiveView(ctx);
  const charts = new ChartsView(ctx);
  const history = new HistoryView(ctx);
  const incidents = new IncidentsView(ctx);
  const prefs = new PrefsView(ctx);
  tabs = new Tabs<TabId>(
    [
      { id: 'feeds', label: 'tabs.feeds', panel: feeds.element },
      { id: 'live', label: 'tabs.live', panel: live.element },
      { id: 'charts', label: 'tabs.charts', panel: charts.element },
      { id: 'history', label: 'tabs.history', panel: history.element },
      { id: 'incidents', label: 'tabs.incidents', panel: incidents.element },
      { id: 'preferences', label: 'tabs.preferences', panel: prefs.element },
    ],
    'tabs.label',
    (tab) => {
      charts.setVisible(tab === 'charts');
      live.setVisible(tab === 'live');
      history.setVisible(tab === 'history');
      incidents.setVisible(tab === 'incidents');
    },
  );
  const shownTabs = tabs;

  root.replaceChildren(
    h('div', { class: 'app' }, [
      new AppHeader(ctx).element,
      new Banners(store).element,
      h('nav', { class: 'app-nav' }, [shownTabs.element]),
      h('main', { class: 'app-main' }, [
        feeds.element,
        live.element,
        charts.element,
        history.element,
        incidents.element,
        prefs.element,
      ]),
      notices.element,
      editor.element,
    ]),
  );

  store.on('prefs', (next) => setLanguage(next.language));
  store.on('state', (state) =>
    shownTabs.setBadge('history', state.totalUnread, t('tabs.unread', { n: state.totalUnread })),
  );
  ipc.on('push:statuses', (statuses) => store.setStatuses(statuses));
  ipc.on('push:events', (events) => store.addEvents(events));
  // The preload acknowledges each batch; the window only shows what main had to skip meanwhile.
  ipc.on('push:batchEnd', ({ skipped }) => store.addSkipped(skipped));
  ipc.on('push:state', (state) => store.setState(state));
  ipc.on('push:show', ({ view }) => shownTabs.select(view, true));
  ipc.on('push:sound', ({ name }) => playSound(name));
  ipc.on('push:decisions', (updates) => store.setDecisions(updates));
  ipc.on('push:incidents', (changed) => incidents.update(changed));
  // A feedtray://add link: main holds it until taken, so one that started the app waits for this page.
  const takeAddLink = async () => {
    const link = await ipc.invoke('feeds:takeAddLink', undefined);
    if (link.ok && link.value) ctx.edit({ feedId: null, fromLink: link.value });
  };
  ipc.on('push:addFeed', () => void takeAddLink());
  ipc.on('push:focus', ({ eventKey }) => {
    if (live.focusEvent(eventKey)) shownTabs.select('live', true);
    else shownTabs.select('history', true);
  });
  void load(ctx).then(takeAddLink);
  return ctx;
}

/** The first data: state, feeds, statuses, preferences, then recent history for the live list and charts. */
async function load(ctx: AppContext): Promise<void> {
  const { ipc, store, notices } = ctx;
  const [state, feeds, statuses, prefs] = await Promise.all([
    ipc.invoke('app:state', undefined),
    ipc.invoke('feeds:list', undefined),
    ipc.invoke('feeds:statuses', undefined),
    ipc.invoke('prefs:get', undefined),
  ]);
  if (prefs.ok) store.setPrefs(prefs.value);
  else notices.error('load.prefs', prefs.error);
  if (state.ok) store.setState(state.value);
  else notices.error('load.state', state.error);
  if (statuses.ok) store.setStatuses(statuses.value);
  if (feeds.ok) store.setFeeds(feeds.value);
  else notices.error('load.feeds', feeds.error);
  document.body.dataset.ready = 'true';

  const recent = await ipc.invoke('history:query', { limit: SEED_EVENTS });
  if (recent.ok) store.seedEvents(recent.value.events);
}
