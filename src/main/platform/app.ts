import { startCore, type FeedTrayCore } from '../core/index.ts';
import { systemClock } from '../ports.ts';
import type { ElectronDeps } from './deps.ts';
import { ElectronNotifier } from './electron-notifier.ts';
import { processHost, type Host } from './host.ts';
import { connectIpc } from './ipc.ts';
import { HIDDEN_ARG, setLaunchAtLogin, type LaunchTarget } from './launch-at-login.ts';
import { MainWindow } from './main-window.ts';
import { openExternalLink } from './open-external.ts';
import { watchOs } from './os-events.ts';
import { createAppPath, rendererSource, type AppPath } from './paths.ts';
import { SafeStorageSecretBox } from './safe-storage-secret-box.ts';
import { installShutdown, prepareSelfTest, type SelfTestRun } from './app-lifecycle.ts';
import { runSelfTestChecks, SELF_TEST_ARG, type SelfTestReport } from './self-test.ts';
import { SignInWindows } from './sign-in-window.ts';
import { TrayController } from './tray.ts';
import { trayLabels } from './tray-labels.ts';
import { trayMenuModel } from './tray-model.ts';
import { trayActionHandler } from './tray-actions.ts';
import { hardenSession } from './window-security.ts';
import { ADD_LINK_SCHEME, findAddLink, parseAddLink } from '../../shared/add-link.ts';
import { AddLinkInbox } from './add-link-inbox.ts';

/** Must equal electron-builder's `appId`: Windows ties notifications and the taskbar to it. */
export const APP_USER_MODEL_ID = 'com.feedtray.app';

/** The running app's parts, for tests and the self-test. */
export interface RunningApp {
  core: FeedTrayCore;
  window: MainWindow;
  tray: TrayController;
  notifier: ElectronNotifier;
  /** The self-test's report when started with `--self-test`, else null. */
  selfTest: Promise<SelfTestReport> | null;
  /** Resolves once a quit has stopped the core and closed the windows. */
  stopped: Promise<void>;
}

/**
 * The main process: single-instance lock, then (once Electron is ready) the core with Electron adapters,
 * the IPC bridge, the hidden main window, the tray and the OS hooks. Resolves to null when this process
 * is not the one to run (another instance has the lock) or could not start.
 */
export async function runApp(
  electron: ElectronDeps,
  argv: readonly string[],
  host: Host = processHost(),
): Promise<RunningApp | null> {
  const { app } = electron;
  const selfTest = argv.includes(SELF_TEST_ARG) ? prepareSelfTest(app, host) : null;
  if (host.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  if (!app.requestSingleInstanceLock()) {
    // The running instance got a 'second-instance' event and shows its window.
    app.quit();
    return null;
  }
  // A tray app keeps running with no window open; listening at all cancels Electron's default quit.
  app.on('window-all-closed', () => undefined);
  const showRequest = { window: null as MainWindow | null, pending: !selfTest && !argv.includes(HIDDEN_ARG) };
  const links = new AddLinkInbox(selfTest === null ? findAddLink(argv) : null);
  if (!selfTest) app.setAsDefaultProtocolClient(ADD_LINK_SCHEME);
  app.on('second-instance', (_event, secondArgv) => {
    links.receive(findAddLink(secondArgv));
    if (showRequest.window) showRequest.window.show();
    else showRequest.pending = true;
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.receive(parseAddLink(url));
    showRequest.window?.show();
  });

  await app.whenReady();
  const shell = createShell(electron, host);
  showRequest.window = shell.window;
  const core = await startAppCore(electron, host, shell, selfTest);
  if (!core) return null;
  const { tray, stopWiring } = wireApp(electron, host, core, shell);
  if (!selfTest && core.preferences().launchAtLogin) {
    // Re-register: the executable may have moved since (an update, an AppImage saved elsewhere).
    void shell.applyLaunchAtLogin(true);
  }
  const openedAtLogin = host.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  links.deliverTo((link) => core.offerAddLink(link));
  if ((showRequest.pending && !openedAtLogin) || links.delivered) shell.window.show();

  const shutdown = installShutdown(
    app,
    async () => {
      stopWiring();
      tray.dispose();
      shell.signIn.closeAll();
      await core.stop();
    },
    shell.window,
  );
  if (selfTest) {
    selfTest.finish = shutdown.forSelfTest;
    selfTest.recorder.passed('tray and hidden window created');
    runSelfTestChecks(selfTest.recorder, { core, window: shell.window, notifier: shell.notifier }).catch(
      (error: unknown) =>
        selfTest.recorder.fail(
          `the self-test crashed: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }
  return {
    core,
    window: shell.window,
    tray,
    notifier: shell.notifier,
    selfTest: selfTest?.report ?? null,
    stopped: shutdown.stopped,
  };
}

/** The app's windows and OS adapters, made before the core so the core can be handed them. */
interface Shell {
  appPath: AppPath;
  window: MainWindow;
  notifier: ElectronNotifier;
  signIn: SignInWindows;
  openLink: (url: string) => void;
  applyLaunchAtLogin: (enabled: boolean) => Promise<void>;
  /** Set once the core runs: notification clicks and sign-in windows reach it. */
  core: FeedTrayCore | null;
}

function createShell(electron: ElectronDeps, host: Host): Shell {
  const { app } = electron;
  const appPath = createAppPath(app);
  const source = rendererSource(appPath, {
    isPackaged: app.isPackaged,
    devServerUrl: host.env.VITE_DEV_SERVER_URL,
  });
  hardenSession(electron.session.defaultSession, source);
  const openLink = (url: string) => {
    openExternalLink(electron.shell, url).then(
      (result) => {
        if (!result.ok) console.warn(result.error.message);
      },
      (error: unknown) => console.warn(`could not open ${url}: ${String(error)}`),
    );
  };
  const window = new MainWindow({
    BrowserWindow: electron.BrowserWindow,
    appPath,
    source,
    platform: host.platform,
    openInBrowser: openLink,
  });
  const launchTarget: LaunchTarget = {
    platform: host.platform,
    execPath: host.execPath,
    appImage: host.env.APPIMAGE,
    appFolder: app.isPackaged ? null : app.getAppPath(),
    autostartDir: host.autostartDir,
  };
  const shell: Shell = {
    appPath,
    window,
    openLink,
    core: null,
    notifier: new ElectronNotifier({
      Notification: electron.Notification,
      platform: host.platform,
      iconPath: appPath('resources', 'icon.png'),
      playSound: (name) => shell.core?.playSound(name),
      actions: {
        openLink,
        showEvent: (eventKey, feedId) => {
          window.show();
          if (eventKey) shell.core?.focusEvent(eventKey, feedId);
        },
        runAction: (eventKey, actionId) => {
          shell.core?.pressNotificationAction(eventKey, actionId).catch((error: unknown) => {
            console.warn(`notification action failed: ${String(error)}`);
          });
        },
      },
    }),
    // Back from signing in: try the feed now, with whatever cookies the login left.
    signIn: new SignInWindows({
      BrowserWindow: electron.BrowserWindow,
      onClosed: (id) => shell.core?.retry(id),
      title: () => trayLabels(shell.core?.language() ?? 'en').signInTitle,
    }),
    applyLaunchAtLogin: async (enabled) => {
      const result = await setLaunchAtLogin(app, launchTarget, enabled);
      if (!result.ok) console.warn(result.error.message);
    },
  };
  return shell;
}

/** The core with the Electron adapters; on failure the user (or the self-test report) is told why. */
async function startAppCore(
  electron: ElectronDeps,
  host: Host,
  shell: Shell,
  selfTest: SelfTestRun | null,
): Promise<FeedTrayCore | null> {
  const { app } = electron;
  try {
    shell.core = await startCore({
      userDataDir: app.getPath('userData'),
      // Chromium's network stack: the system proxy and certificate store; `credentials: 'include'`
      // sends the default session's cookies (what "Sign in" collects).
      fetch: (input, init) => electron.net.fetch(String(input), init),
      clock: systemClock,
      secretBox: new SafeStorageSecretBox(electron.safeStorage, host.platform),
      notifier: shell.notifier,
      version: app.getVersion(),
      openExternal: async (url) => {
        const result = await openExternalLink(electron.shell, url);
        if (!result.ok) console.warn(result.error.message);
      },
      signIn: (feedId, url) => shell.signIn.open(feedId, url),
      setLaunchAtLogin: shell.applyLaunchAtLogin,
      systemLanguages: () => app.getPreferredSystemLanguages(),
      ...(selfTest ? { demoPort: 0 } : host.demoPort === undefined ? {} : { demoPort: host.demoPort }),
    });
    return shell.core;
  } catch (error) {
    const message = `FeedTray could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    if (selfTest) {
      selfTest.recorder.fail(message);
      await selfTest.report;
    } else {
      electron.dialog.showErrorBox('FeedTray could not start', message);
      app.exit(1);
    }
    return null;
  }
}

/** Connects the core to the window (IPC), the tray and the OS; returns the tray and how to undo the rest. */
function wireApp(
  electron: ElectronDeps,
  host: Host,
  core: FeedTrayCore,
  shell: Shell,
): { tray: TrayController; stopWiring: () => void } {
  const disconnectIpc = connectIpc(electron.ipcMain, core, shell.window);
  shell.window.create();
  const tray = new TrayController({
    electron,
    platform: host.platform,
    appPath: shell.appPath,
    clock: systemClock,
    model: () => trayMenuModel(core.tray(), trayLabels(core.language())),
    onAction: trayActionHandler({ app: electron.app, core, window: shell.window, openLink: shell.openLink }),
    onClick: () => shell.window.show(),
  });
  const stopTrayUpdates = core.onTrayChange(() => tray.update());
  const stopWatchingOs = watchOs(electron, core, host.onlinePollMs);
  electron.app.on('activate', () => shell.window.show());
  return {
    tray,
    stopWiring: () => {
      stopWatchingOs();
      stopTrayUpdates();
      disconnectIpc();
    },
  };
}
