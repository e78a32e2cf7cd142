import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type {
  BrowserWindowApi,
  FrameApi,
  PreventableEvent,
  WebContentsApi,
} from '../../src/main/platform/deps.ts';
import { FakeRenderer, type FakeIpcMain } from './fake-electron-ipc.ts';

export { FakeIpcMain } from './fake-electron-ipc.ts';

/**
 * TEST DOUBLE: BrowserWindow, WebContents and frames as FeedTray uses them. A window's page is not
 * rendered, but its preload is REALLY run (fake-electron-ipc.ts), and a test can act as the page:
 * navigate, `window.open`, attach a webview, or call IPC from any frame.
 */

/** A preventable event as Electron passes to listeners. */
export function fakeEvent<T extends object>(fields: T = {} as T): PreventableEvent & T {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    fields,
  );
}

let nextId = 1;

/** A frame: the sender check compares these. */
export class FakeFrame implements FrameApi {
  url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FakeFrame | null;

  constructor(url: string, parent: FakeFrame | null, processId: number) {
    this.url = url;
    this.parent = parent;
    this.processId = processId;
    this.routingId = nextId++;
  }
}

/** A window's web contents, recording what was sent and letting a test navigate, open windows, or call IPC. */
export class FakeWebContents extends EventEmitter implements WebContentsApi {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null;
  preloadError: string | null = null;
  #destroyed = false;
  #renderer: FakeRenderer | null = null;
  readonly #ipcMain: FakeIpcMain;

  constructor(ipcMain: FakeIpcMain) {
    super();
    this.#ipcMain = ipcMain;
    this.mainFrame = new FakeFrame('about:blank', null, this.id);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload: args[0] });
    this.#renderer?.deliver(channel, args);
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  markDestroyed(): void {
    this.#destroyed = true;
  }

  async executeJavaScript(code: string): Promise<unknown> {
    if (!this.#renderer) throw new Error('Script failed to execute: no page is loaded');
    return this.#renderer.evaluate(code);
  }

  setWindowOpenHandler(
    handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse,
  ): void {
    this.windowOpenHandler = handler;
  }

  /** Loads a page: runs the preload (if any), then reports did-finish-load. */
  load(url: string, preload: string | undefined): void {
    this.mainFrame.url = url;
    this.#renderer = new FakeRenderer(this, this.#ipcMain);
    this.preloadError = null;
    if (preload) {
      try {
        this.#renderer.runPreload(preload);
      } catch (error) {
        // Electron logs "Unable to load preload script" and loads the page without it.
        this.preloadError = error instanceof Error ? error.message : String(error);
      }
    }
    this.emit('did-finish-load');
  }

  /** The page tries to go to `url` (a link, `location.href = …`); true when it was allowed. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const details = fakeEvent({ url, isMainFrame: true, isSameDocument: false });
    this.emit(event, details);
    if (details.defaultPrevented) return false;
    this.mainFrame.url = url;
    return true;
  }

  /** The page calls `window.open(url)`: the handler's answer. */
  openWindow(url: string): Electron.WindowOpenHandlerResponse {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'strict-origin-when-cross-origin' },
    });
  }

  /** A `<webview>` is about to attach: true when it was prevented. */
  attachWebview(): boolean {
    const event = fakeEvent({});
    this.emit('will-attach-webview', event, {}, {});
    return event.defaultPrevented;
  }

  /** A child frame (an iframe) with its own URL. */
  subframe(url: string): FakeFrame {
    return new FakeFrame(url, this.mainFrame, this.id);
  }

  /** An invoke as if sent from `frame` of this contents. */
  invokeFrom(frame: FakeFrame | null, channel: string, request: unknown): Promise<unknown> {
    return this.#ipcMain.invoke({ sender: this, senderFrame: frame }, channel, request);
  }
}

/** A BrowserWindow: records its options, visibility and loads. */
export class FakeBrowserWindow extends EventEmitter implements BrowserWindowApi {
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webContents: FakeWebContents;
  readonly loads: string[] = [];
  visible: boolean;
  focused = false;
  minimized = false;
  #destroyed = false;
  #shownOnce = false;

  constructor(options: Electron.BrowserWindowConstructorOptions, ipcMain: FakeIpcMain) {
    super();
    this.options = options;
    this.visible = options.show !== false;
    this.webContents = new FakeWebContents(ipcMain);
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.visible = false;
    this.webContents.markDestroyed();
    this.emit('closed');
  }

  /** The user clicks the close button. */
  close(): void {
    const event = fakeEvent({});
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  loadFile(filePath: string): Promise<void> {
    const url = pathToFileURL(filePath).href;
    if (!existsSync(filePath)) return this.#fail(url, -6, 'ERR_FILE_NOT_FOUND');
    return this.#load(url);
  }

  loadURL(url: string): Promise<void> {
    return this.#load(url);
  }

  async #load(url: string): Promise<void> {
    await Promise.resolve();
    this.loads.push(url);
    this.webContents.load(url, this.options.webPreferences?.preload);
    if (!this.#shownOnce) {
      this.#shownOnce = true;
      this.emit('ready-to-show');
    }
  }

  async #fail(url: string, code: number, description: string): Promise<void> {
    await Promise.resolve();
    this.loads.push(url);
    this.webContents.emit('did-fail-load', fakeEvent({}), code, description, url, true);
    throw new Error(`${description} (${code}) loading '${url}'`);
  }
}
