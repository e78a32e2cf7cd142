import type * as electron from 'electron';

/**
 * The slice of Electron FeedTray uses, written as narrow `Pick`s of the real types. The real `electron`
 * module satisfies it (checked where `src/main/index.ts` passes it in), and so does the typed fake in
 * `test/support/fake-electron.ts`; nothing else in the app reaches for Electron.
 */

/** Where a BrowserWindow's event handlers get their `preventDefault`. */
export type PreventableEvent = Pick<Electron.Event, 'preventDefault' | 'defaultPrevented'>;

/** A frame as the IPC sender check sees it. */
export interface FrameApi {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FrameApi | null;
}

/**
 * An image made by `nativeImage`. The real type, because the Tray constructor insists on it; FeedTray
 * itself only calls `isEmpty` and `setTemplateImage`.
 */
export type ImageApi = Electron.NativeImage;

/** What FeedTray does with a window's web contents. */
export interface WebContentsApi extends Pick<
  Electron.WebContents,
  'id' | 'send' | 'isDestroyed' | 'executeJavaScript' | 'setWindowOpenHandler'
> {
  readonly mainFrame: FrameApi;
  on(event: 'did-finish-load', listener: () => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (
      event: PreventableEvent,
      errorCode: number,
      errorDescription: string,
      validatedURL: string,
      isMainFrame: boolean,
    ) => void,
  ): unknown;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (details: PreventableEvent & { url: string; isMainFrame: boolean }) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/** What FeedTray does with a BrowserWindow. */
export interface BrowserWindowApi extends Pick<
  Electron.BrowserWindow,
  | 'show'
  | 'hide'
  | 'focus'
  | 'isVisible'
  | 'isMinimized'
  | 'restore'
  | 'isDestroyed'
  | 'destroy'
  | 'loadFile'
  | 'loadURL'
> {
  readonly webContents: WebContentsApi;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed' | 'ready-to-show', listener: () => void): unknown;
}

/** The `BrowserWindow` class. */
export type BrowserWindowClass = new (options: Electron.BrowserWindowConstructorOptions) => BrowserWindowApi;

/** What FeedTray does with its tray icon. */
export interface TrayApi extends Pick<Electron.Tray, 'setToolTip' | 'setTitle' | 'destroy' | 'isDestroyed'> {
  /** Takes a menu made by `Menu.buildFromTemplate`. */
  setContextMenu(menu: object | null): void;
  setImage(image: ImageApi): void;
  on(event: 'click', listener: () => void): unknown;
}

/** The `Tray` class. */
export type TrayClass = new (image: ImageApi) => TrayApi;

/** The `Notification` class: the constructor, `isSupported`, and removing delivered ones (macOS). */
export interface NotificationClass {
  new (options: Electron.NotificationConstructorOptions): NotificationApi;
  isSupported(): boolean;
  remove(id: string | string[]): void;
}

/** One OS notification. */
export interface NotificationApi extends Pick<Electron.Notification, 'show' | 'close'> {
  on(event: 'click' | 'show', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: PreventableEvent, error: string) => void): unknown;
  /** A button of the notification was pressed (macOS, Windows). */
  on(
    event: 'action',
    listener: (details: Electron.Event<Electron.NotificationActionEventParams>, actionIndex: number) => void,
  ): unknown;
}

/** What the IPC sender check reads from an invoke event. */
export interface InvokeEventApi {
  readonly sender: WebContentsApi;
  readonly senderFrame: FrameApi | null;
}

/** `ipcMain`, for `invoke` handlers only. */
export interface IpcMainApi {
  handle(channel: string, listener: (event: InvokeEventApi, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** What FeedTray does with `app`. */
export interface AppApi extends Pick<
  Electron.App,
  | 'whenReady'
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'getVersion'
  | 'getLocale'
  | 'getPreferredSystemLanguages'
  | 'requestSingleInstanceLock'
  | 'setLoginItemSettings'
  | 'setAppUserModelId'
  | 'setAsDefaultProtocolClient'
  | 'setBadgeCount'
  | 'quit'
  | 'exit'
  | 'isPackaged'
> {
  getLoginItemSettings(): Pick<Electron.LoginItemSettings, 'wasOpenedAtLogin'>;
  on(event: 'second-instance', listener: (event: PreventableEvent, argv: string[]) => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  /** macOS hands a `feedtray://` link to the running app this way. */
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown;
}

/** The default session: CSP header, permissions. */
export interface SessionApi extends Pick<
  Electron.Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler'
> {
  readonly webRequest: Pick<Electron.WebRequest, 'onHeadersReceived'>;
}

/** Everything FeedTray takes from the `electron` module. */
export interface ElectronDeps {
  app: AppApi;
  BrowserWindow: BrowserWindowClass;
  Tray: TrayClass;
  Menu: { buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): object };
  Notification: NotificationClass;
  ipcMain: IpcMainApi;
  safeStorage: Pick<
    Electron.SafeStorage,
    'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
  >;
  powerMonitor: { on(event: 'resume' | 'suspend', listener: () => void): unknown };
  net: Pick<Electron.Net, 'isOnline' | 'fetch'>;
  shell: Pick<Electron.Shell, 'openExternal'>;
  nativeImage: { createFromPath(path: string): ImageApi };
  session: { readonly defaultSession: SessionApi };
  dialog: Pick<Electron.Dialog, 'showErrorBox'>;
}

/** The real module's type, for the one place that passes it in. */
export type ElectronModule = typeof electron;
