import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type {
  ElectronDeps,
  ImageApi,
  NotificationApi,
  SessionApi,
  TrayApi,
} from '../../src/main/platform/deps.ts';
import { FakeApp, type FakeAppOptions } from './fake-electron-app.ts';
import { fakeEvent, FakeBrowserWindow, FakeIpcMain } from './fake-electron-window.ts';

export { FakeApp } from './fake-electron-app.ts';
export {
  fakeEvent,
  FakeBrowserWindow,
  FakeFrame,
  FakeIpcMain,
  FakeWebContents,
} from './fake-electron-window.ts';

/**
 * TEST DOUBLE: exactly the Electron APIs FeedTray uses (`ElectronDeps`, itself a set of `Pick`s of the
 * real types, so every class here is checked against electron.d.ts by `implements`). It records what
 * happened (menus built, notifications shown, windows and their webPreferences, IPC handlers, pushes)
 * and lets a test act as the user or the OS: click a menu item or a notification, resume from sleep,
 * go offline, start a second instance. Windows run the REAL preload bundle (fake-electron-ipc.ts).
 */

/** How the fake world starts; `appRoot` is `app.getAppPath()`: a folder with out/preload and out/renderer. */
export interface FakeElectronOptions extends FakeAppOptions {
  notificationsSupported?: boolean;
  encryptionAvailable?: boolean;
  storageBackend?: ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;
  online?: boolean;
}

/** A stand-in for a NativeImage: its path and template flag. */
export class FakeImage {
  readonly path: string;
  template = false;

  constructor(path: string) {
    this.path = path;
  }
  isEmpty(): boolean {
    return !existsSync(this.path);
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
}

/** A built menu: its template, as `Menu.buildFromTemplate` got it. */
export class FakeMenu {
  readonly template: Electron.MenuItemConstructorOptions[];
  constructor(template: Electron.MenuItemConstructorOptions[]) {
    this.template = template;
  }
  labels(): string[] {
    return this.template.map((item) => (item.type === 'separator' ? '---' : (item.label ?? '')));
  }
  /** Clicks an item inside submenus: `clickPath('Snooze', 'Rates', 'For 1 hour')`. */
  clickPath(...path: string[]): void {
    let items = this.template;
    for (const [depth, label] of path.entries()) {
      const item = items.find((entry) => entry.label === label);
      if (!item) throw new Error(`no menu item ${path.slice(0, depth + 1).join(' ▸ ')}`);
      if (depth === path.length - 1) {
        if (!item.click) throw new Error(`menu item ${path.join(' ▸ ')} is not clickable`);
        item.click(undefined as never, undefined, undefined as never);
        return;
      }
      items = (item.submenu ?? []) as Electron.MenuItemConstructorOptions[];
    }
  }

  /** Clicks the first item whose label matches. */
  click(label: string | RegExp): void {
    const item = this.template.find((entry) =>
      typeof label === 'string' ? entry.label === label : label.test(entry.label ?? ''),
    );
    if (!item?.click)
      throw new Error(`no clickable menu item ${String(label)} in: ${this.labels().join(' | ')}`);
    item.click(undefined as never, undefined, undefined as never);
  }
}

/** The tray icon. */
export class FakeTray extends EventEmitter implements TrayApi {
  image: FakeImage;
  menu: FakeMenu | null = null;
  tooltip = '';
  title = '';
  #destroyed = false;

  constructor(image: ImageApi) {
    super();
    this.image = image as unknown as FakeImage;
  }
  setContextMenu(menu: object | null): void {
    this.menu = menu as FakeMenu | null;
  }
  setImage(image: ImageApi): void {
    this.image = image as unknown as FakeImage;
  }
  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  destroy(): void {
    this.#destroyed = true;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
}

/** One notification; `click()` plays the user clicking it. */
export class FakeNotification extends EventEmitter implements NotificationApi {
  readonly options: Electron.NotificationConstructorOptions;
  shown = false;

  constructor(options: Electron.NotificationConstructorOptions) {
    super();
    this.options = options;
  }
  show(): void {
    this.shown = true;
    queueMicrotask(() => this.emit('show'));
  }
  click(): void {
    this.emit('click', fakeEvent({}));
  }
  /** Closed by the app (a replacement with its tag, or its incident resolved); the OS then says `close`. */
  closed = false;
  close(): void {
    this.closed = true;
    this.emit('close');
  }

  /** The user pressing the notification's button at `index`. */
  pressAction(index: number): void {
    this.emit('action', fakeEvent({ actionIndex: index, selectionIndex: -1 }), index);
  }
}

type HeadersListener =
  | ((
      details: Electron.OnHeadersReceivedListenerDetails,
      callback: (response: Electron.HeadersReceivedResponse) => void,
    ) => void)
  | null;

/** The default session: permission handlers and the headers hook, callable by tests. */
export class FakeSession implements SessionApi {
  permissionRequestHandler: Parameters<Electron.Session['setPermissionRequestHandler']>[0] = null;
  permissionCheckHandler: Parameters<Electron.Session['setPermissionCheckHandler']>[0] = null;
  headersFilter: Electron.WebRequestFilter | null = null;
  headersListener: HeadersListener = null;
  readonly webRequest = {
    onHeadersReceived: (
      filterOrListener: Electron.WebRequestFilter | HeadersListener,
      listener?: HeadersListener,
    ): void => {
      if (typeof filterOrListener === 'function' || filterOrListener === null) {
        this.headersListener = filterOrListener;
      } else {
        this.headersFilter = filterOrListener;
        this.headersListener = listener ?? null;
      }
    },
  };

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  /** Runs the headers hook for a response; returns what it answered. */
  headersFor(url: string, resourceType: Electron.OnHeadersReceivedListenerDetails['resourceType']) {
    let answer: Electron.HeadersReceivedResponse | null = null;
    this.headersListener?.(
      {
        id: 1,
        url,
        method: 'GET',
        resourceType,
        referrer: '',
        timestamp: Date.now(),
        statusLine: 'HTTP/1.1 200 OK',
        statusCode: 200,
        responseHeaders: { 'Content-Type': ['text/html'] },
      },
      (response: Electron.HeadersReceivedResponse) => (answer = response),
    );
    return answer as Electron.HeadersReceivedResponse | null;
  }
}

/** The whole fake module plus the records and levers tests use. */
export interface FakeElectron extends ElectronDeps {
  app: FakeApp;
  ipcMain: FakeIpcMain;
  powerMonitor: EventEmitter;
  session: { defaultSession: FakeSession };
  /** Everything that happened, in order. */
  windows: FakeBrowserWindow[];
  trays: FakeTray[];
  menus: FakeMenu[];
  notifications: FakeNotification[];
  /** Ids passed to `Notification.remove` (macOS Notification Center). */
  removedNotificationIds: string[];
  opened: string[];
  fetches: { url: string; credentials: RequestInit['credentials'] }[];
  errorBoxes: { title: string; content: string }[];
  /** Levers. */
  state: { online: boolean; notificationsSupported: boolean; encryptionAvailable: boolean };
}

/** A fresh fake Electron. */
export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const ipcMain = new FakeIpcMain();
  const state = {
    online: options.online ?? true,
    notificationsSupported: options.notificationsSupported ?? true,
    encryptionAvailable: options.encryptionAvailable ?? true,
  };
  const key = randomBytes(32);
  const fake: FakeElectron = {
    app: new FakeApp(options),
    ipcMain,
    powerMonitor: new EventEmitter(),
    session: { defaultSession: new FakeSession() },
    windows: [],
    trays: [],
    menus: [],
    notifications: [],
    removedNotificationIds: [],
    opened: [],
    fetches: [],
    errorBoxes: [],
    state,
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(windowOptions: Electron.BrowserWindowConstructorOptions) {
        super(windowOptions, ipcMain);
        fake.windows.push(this);
      }
    },
    Tray: class extends FakeTray {
      constructor(image: ImageApi) {
        super(image);
        fake.trays.push(this);
      }
    },
    Menu: {
      buildFromTemplate(template) {
        const menu = new FakeMenu(template);
        fake.menus.push(menu);
        return menu;
      },
    },
    Notification: class extends FakeNotification {
      static isSupported(): boolean {
        return state.notificationsSupported;
      }
      /** macOS: removes delivered notifications from Notification Center by their `id`. */
      static remove(id: string | string[]): void {
        fake.removedNotificationIds.push(...(Array.isArray(id) ? id : [id]));
      }
      constructor(notificationOptions: Electron.NotificationConstructorOptions) {
        super(notificationOptions);
        fake.notifications.push(this);
      }
    },
    nativeImage: {
      createFromPath: (path: string) => new FakeImage(path) as unknown as ImageApi,
    },
    net: {
      isOnline: () => state.online,
      fetch: (input, init) => {
        fake.fetches.push({
          url: typeof input === 'string' ? input : input.url,
          credentials: init?.credentials,
        });
        return globalThis.fetch(input, init);
      },
    } satisfies Pick<Electron.Net, 'isOnline' | 'fetch'>,
    shell: {
      openExternal: (url: string) => {
        fake.opened.push(url);
        return Promise.resolve();
      },
    } satisfies Pick<Electron.Shell, 'openExternal'>,
    dialog: {
      showErrorBox: (title: string, content: string) => void fake.errorBoxes.push({ title, content }),
    } satisfies Pick<Electron.Dialog, 'showErrorBox'>,
    safeStorage: {
      isEncryptionAvailable: () => state.encryptionAvailable,
      getSelectedStorageBackend: () => options.storageBackend ?? 'gnome_libsecret',
      // AES-GCM under a key that lives only as long as this fake: real ciphertext, like the OS keyring's.
      encryptString: (plainText: string) => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
        return Buffer.concat([Buffer.from('v11'), iv, body, cipher.getAuthTag()]);
      },
      decryptString: (encrypted: Buffer) => {
        const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15));
        decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
        return Buffer.concat([
          decipher.update(encrypted.subarray(15, encrypted.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      },
    } satisfies ElectronDeps['safeStorage'],
  };
  return fake;
}

/** The main window: the first window created with a preload. */
export function mainWindowOf(fake: FakeElectron): FakeBrowserWindow {
  const window = fake.windows.find((candidate) => candidate.options.webPreferences?.preload);
  if (!window) throw new Error('no main window was created');
  return window;
}

/** The tray's current menu. */
export function trayMenuOf(fake: FakeElectron): FakeMenu {
  const menu = fake.trays[0]?.menu;
  if (!menu) throw new Error('no tray menu was set');
  return menu;
}
