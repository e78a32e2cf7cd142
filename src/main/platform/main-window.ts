import type { BrowserWindowApi, ElectronDeps, WebContentsApi } from './deps.ts';
import type { AppPath, RendererSource } from './paths.ts';
import { guardAppContents, hardenedWebPreferences } from './window-security.ts';

/** How the last page load ended. */
export type LoadResult = { ok: true } | { ok: false; reason: string };

/**
 * The one app window. Created hidden at start so pushes have somewhere to go; closing it hides it to
 * the tray; once the app is quitting it really closes. If it ever got destroyed, `show` makes a new one.
 */
export class MainWindow {
  readonly #BrowserWindow: ElectronDeps['BrowserWindow'];
  readonly #appPath: AppPath;
  readonly #source: RendererSource;
  readonly #platform: NodeJS.Platform;
  readonly #openInBrowser: (url: string) => void;
  #window: BrowserWindowApi | null = null;
  #quitting = false;
  #showWhenReady = false;
  #ready = false;
  #loaded: Promise<LoadResult> = Promise.resolve({ ok: false, reason: 'the window was not created' });

  constructor(options: {
    BrowserWindow: ElectronDeps['BrowserWindow'];
    appPath: AppPath;
    source: RendererSource;
    platform: NodeJS.Platform;
    openInBrowser: (url: string) => void;
  }) {
    this.#BrowserWindow = options.BrowserWindow;
    this.#appPath = options.appPath;
    this.#source = options.source;
    this.#platform = options.platform;
    this.#openInBrowser = options.openInBrowser;
  }

  /** The page's source, for the IPC sender check. */
  get source(): RendererSource {
    return this.#source;
  }

  /** The live window's contents, or null when there is none. */
  get webContents(): WebContentsApi | null {
    const window = this.#window;
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return null;
    return window.webContents;
  }

  /** Resolves when the page finished loading, or failed to (with Chromium's reason). */
  loaded(): Promise<LoadResult> {
    return this.#loaded;
  }

  /** Creates the window (hidden) if there is none. */
  create(): void {
    if (this.#window && !this.#window.isDestroyed()) return;
    this.#ready = false;
    this.#showWhenReady = false;
    const window = new this.#BrowserWindow({
      show: false,
      width: 1040,
      height: 720,
      minWidth: 640,
      minHeight: 480,
      title: 'FeedTray',
      autoHideMenuBar: true,
      // macOS takes the icon from the app bundle; Windows and Linux show this one in the title bar.
      ...(this.#platform === 'darwin' ? {} : { icon: this.#appPath('resources', 'icon.png') }),
      webPreferences: {
        ...hardenedWebPreferences(this.#appPath('out', 'preload', 'index.cjs')),
        // The window plays the notification sounds while hidden, with no click to unlock audio first.
        autoplayPolicy: 'no-user-gesture-required',
      },
    });
    this.#window = window;
    guardAppContents(window.webContents, this.#source, this.#openInBrowser);
    window.on('ready-to-show', () => {
      this.#ready = true;
      if (this.#showWhenReady) this.#reveal(window);
    });
    window.on('close', (event) => {
      if (this.#quitting) return;
      // A tray app keeps running with its window closed.
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (this.#window === window) this.#window = null;
    });
    this.#loaded = this.#load(window);
  }

  /** Shows and focuses the window (making it if needed); shown once its first paint is ready. */
  show(): void {
    this.create();
    const window = this.#window!;
    if (this.#ready) this.#reveal(window);
    else this.#showWhenReady = true;
  }

  /** From now on closing the window closes it. */
  allowClose(): void {
    this.#quitting = true;
  }

  /** Destroys the window (at quit). */
  destroy(): void {
    this.#quitting = true;
    if (this.#window && !this.#window.isDestroyed()) this.#window.destroy();
    this.#window = null;
  }

  #reveal(window: BrowserWindowApi): void {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  #load(window: BrowserWindowApi): Promise<LoadResult> {
    const result = new Promise<LoadResult>((resolve) => {
      window.webContents.on('did-finish-load', () => resolve({ ok: true }));
      window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
        if (isMainFrame)
          resolve({ ok: false, reason: `${description || 'load failed'} (${code}) for ${url}` });
      });
    });
    const loading =
      this.#source.kind === 'file' ? window.loadFile(this.#source.path) : window.loadURL(this.#source.url);
    // The rejection repeats what did-fail-load reported; a failure that skipped it still resolves here.
    return Promise.race([
      result,
      loading.then(
        () => result,
        (error: unknown) => ({
          ok: false as const,
          reason: error instanceof Error ? error.message : String(error),
        }),
      ),
    ]);
  }
}
