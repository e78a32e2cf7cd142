import type { FeedTrayCore } from '../core/index.ts';
import type { SettingsResult } from '../../shared/settings.ts';
import type { ElectronDeps } from './deps.ts';
import type { MainWindow } from './main-window.ts';
import type { TrayAction } from './tray-model.ts';

/** What each tray menu item does: the window, the core's operations, or the browser. */
export function trayActionHandler(parts: {
  app: ElectronDeps['app'];
  core: FeedTrayCore;
  window: MainWindow;
  openLink: (url: string) => void;
}): (action: TrayAction) => void {
  const { app, core, window, openLink } = parts;
  const run = (request: Promise<SettingsResult>, what: string) =>
    void request.then((result) => {
      if (!result.ok) console.warn(`tray: could not ${what}: ${result.error.message}`);
    });
  return (action) => {
    switch (action.type) {
      case 'open-window':
        return window.show();
      case 'open-incidents':
        window.show();
        return core.showView('incidents');
      case 'open-settings':
        window.show();
        return core.showView('preferences');
      case 'open-feed':
        window.show();
        // An empty event key asks the window to show the feed rather than one event.
        return core.focusEvent('', action.feedId);
      case 'open-event':
        window.show();
        return core.focusEvent(action.eventKey, action.feedId);
      case 'open-link':
        return openLink(action.url);
      case 'set-paused':
        return core.setPaused(action.paused);
      case 'quiet':
        return run(core.setQuiet(action.choice), 'change do not disturb');
      case 'snooze':
        return run(core.snoozeFeed(action.feedId, action.choice), 'snooze the feed');
      case 'mark-all-read':
        return void core
          .markAllRead()
          .catch((error: unknown) => console.warn(`tray: could not mark read: ${String(error)}`));
      case 'set-do-not-disturb':
        return run(core.setDoNotDisturb(action.manual), 'change do not disturb');
      case 'quit':
        return app.quit();
    }
  };
}
