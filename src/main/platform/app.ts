import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
import { createAppPath, rendererSource } from './paths.ts';
import { SafeStorageSecretBox } from './safe-storage-secret-box.ts';
import { runSelfTestChecks, SELF_TEST_ARG, SelfTestRecorder, type SelfTestReport } from './self-test.ts';
import { SignInWindows } from './sign-in-window.ts';
import { TrayController } from './tray.ts';
import { trayLabels } from './tray-labels.ts';
import { trayMenuModel } from './tray-model.ts';
import { trayActionHandler } from './tray-actions.ts';
import { hardenSession } from './window-security.ts';

/** Must equal electron-builder's `appId`: Windows ties notifications and the taskbar to it. */
export const APP_USER_MODEL_ID = 'com.feedtray.app';
/** How long the self-test waits for a clean shutdown after printing its report. */
const SELF_TEST_STOP_MS = 5000;

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
  const selfTest = argv.includes(SELF_TEST_ARG) ? new SelfTestRecorder(host) : null;
  let selfTestDir: string | null = null;
  if (selfTest) {
    // Before ready, so Chromium's own profile (and the instance lock) live there too.
    selfTestDir = mkdtempSync(join(host.tmpDir, 'feedtray-self-test-'));
    app.setPath('userData', selfTestDir);
    selfTest.passed('fresh user data folder');
  }
  let finishSelfTest: (() => Promise<void>) | null = null;
  // Whatever settles the self-test (success, a failed step, the time limit) prints it and exits.
  const selfTestReport = selfTest?.report.then(async (report) => {
    host.print(JSON.stringify(report));
    await finishSelfTest?.();
    if (selfTestDir) removeSelfTestDir(selfTestDir);
    app.exit(report.ok ? 0 : 1);
    return report;
  });
  if (host.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  if (!app.requestSingleInstanceLock()) {
    // The running instance got a 'second-instance' event and shows its window.
    app.quit();
    return null;
  }
  // A tray app keeps running with no window open; listening at all cancels Electron's default quit.
  app.on('window-all-closed', () => undefined);
  let window: MainWindow | null = null;
  let showOnStart = !selfTest && !argv.includes(HIDDEN_ARG);
  app.on('second-instance', () => {
    if (window) window.show();
    else showOnStart = true;
  });

  await app.whenReady();
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
  const mainWindow = new MainWindow({
    BrowserWindow: electron.BrowserWindow,
    appPath,
    source,
    platform: host.platform,
    openInBrowser: openLink,
  });
  window = mainWindow;
  let core: FeedTrayCore | null = null;
  const notifier = new ElectronNotifier({
    Notification: electron.Notification,
    platform: host.platform,
    iconPath: appPath('resources', 'icon.png'),
    actions: {
      openLink,
      showEvent: (eventKey, feedId) => {
        mainWindow.show();
        if (eventKey) core?.focusEvent(eventKey, feedId);
      },
    },
  });
  const signIn = new SignInWindows({
    BrowserWindow: electron.BrowserWindow,
    // Back from signing in: try the feed now, with whatever cookies the login left.
    onClosed: (id) => core?.retry(id),
  });
  const launchTarget: LaunchTarget = {
    platform: host.platform,
    execPath: host.execPath,
    appImage: host.env.APPIMAGE,
    appFolder: app.isPackaged ? null : app.getAppPath(),
    autostartDir: host.autostartDir,
  };
  const applyLaunchAtLogin = async (enabled: boolean) => {
    const result = await setLaunchAtLogin(app, launchTarget, enabled);
    if (!result.ok) console.warn(result.error.message);
  };

  try {
    core = await startCore({
      userDataDir: app.getPath('userData'),
      // Chromium's network stack: the system proxy and certificate store; `credentials: 'include'`
      // sends the default session's cookies (what "Sign in" collects).
      fetch: (input, init) => electron.net.fetch(String(input), init),
      clock: systemClock,
      secretBox: new SafeStorageSecretBox(electron.safeStorage, host.platform),
      notifier,
      version: app.getVersion(),
      openExternal: async (url) => {
        const result = await openExternalLink(electron.shell, url);
        if (!result.ok) console.warn(result.error.message);
      },
      signIn: (feedId, url) => signIn.open(feedId, url),
      setLaunchAtLogin: applyLaunchAtLogin,
      systemLanguages: () => app.getPreferredSystemLanguages(),
      ...(selfTest ? { demoPort: 0 } : host.demoPort === undefined ? {} : { demoPort: host.demoPort }),
    });
  } catch (error) {
    const message = `FeedTray could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    if (selfTest) {
      selfTest.fail(message);
      await selfTestReport;
    } else {
      electron.dialog.showErrorBox('FeedTray could not start', message);
      app.exit(1);
    }
    return null;
  }
  const running = core;

  const disconnectIpc = connectIpc(electron.ipcMain, running, mainWindow);
  mainWindow.create();
  const onTrayAction = trayActionHandler({ app, core: running, window: mainWindow, openLink });
  const tray = new TrayController({
    electron,
    platform: host.platform,
    appPath,
    clock: systemClock,
    model: () => trayMenuModel(running.tray(), trayLabels(running.language())),
    onAction: onTrayAction,
    onClick: () => mainWindow.show(),
  });
  const stopTrayUpdates = running.onTrayChange(() => tray.update());
  const stopWatchingOs = watchOs(electron, running, host.onlinePollMs);
  app.on('activate', () => mainWindow.show());
  if (!selfTest && running.preferences().launchAtLogin) {
    // Re-register: the executable may have moved since (an update, an AppImage saved elsewhere).
    void applyLaunchAtLogin(true);
  }
  const openedAtLogin = host.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  if (showOnStart && !openedAtLogin) mainWindow.show();

  let quitting = false;
  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  let shutdown: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (shutdown ??= (async () => {
      mainWindow.allowClose();
      stopWatchingOs();
      stopTrayUpdates();
      disconnectIpc();
      tray.dispose();
      signIn.closeAll();
      try {
        await running.stop();
      } finally {
        mainWindow.destroy();
        markStopped();
      }
    })());
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Hold the quit until the core has written what is pending and closed its connections.
    event.preventDefault();
    stop()
      .catch((error: unknown) => console.error(`FeedTray did not stop cleanly: ${String(error)}`))
      .finally(() => {
        quitting = true;
        app.quit();
      });
  });

  if (selfTest) {
    finishSelfTest = async () => {
      quitting = true;
      // Bounded: the report is out already, and a stuck shutdown must not keep the run from exiting.
      await Promise.race([
        stop().catch((error: unknown) => console.error(`FeedTray did not stop cleanly: ${String(error)}`)),
        new Promise((resolve) => setTimeout(resolve, SELF_TEST_STOP_MS).unref()),
      ]);
    };
    selfTest.passed('tray and hidden window created');
    runSelfTestChecks(selfTest, { core: running, window: mainWindow, notifier }).catch((error: unknown) =>
      selfTest.fail(`the self-test crashed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  return { core: running, window: mainWindow, tray, notifier, selfTest: selfTestReport ?? null, stopped };
}

/** The self-test's folder goes; Chromium may still hold a file in it on Windows, which is only worth a note. */
function removeSelfTestDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.warn(`self-test: could not remove ${dir}: ${String(error)}`);
  }
}
