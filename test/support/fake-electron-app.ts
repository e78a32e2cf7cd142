import { EventEmitter } from 'node:events';
import type { AppApi } from '../../src/main/platform/deps.ts';
import { fakeEvent } from './fake-electron-window.ts';

/** TEST DOUBLE: Electron's `app`, recording paths, the instance lock, login items, quit and exit. */

/** What the fake app is told at start. */
export interface FakeAppOptions {
  appRoot: string;
  userData: string;
  version?: string;
  locales?: string[];
  isPackaged?: boolean;
  singleInstanceLock?: boolean;
}

/** `app`: paths, lock, login items, quit and exit. */
export class FakeApp extends EventEmitter implements AppApi {
  readonly isPackaged: boolean;
  readonly paths = new Map<string, string>();
  readonly loginItems: Electron.Settings[] = [];
  readonly #options: FakeAppOptions;
  appUserModelId: string | null = null;
  quitRequested = 0;
  quitted = false;
  exitCode: number | null = null;
  readonly exited: Promise<number>;
  #resolveExit!: (code: number) => void;

  constructor(options: FakeAppOptions) {
    super();
    this.#options = options;
    this.isPackaged = options.isPackaged ?? false;
    this.paths.set('userData', options.userData);
    this.exited = new Promise((resolve) => (this.#resolveExit = resolve));
  }
  whenReady(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return this.#options.appRoot;
  }
  getVersion(): string {
    return this.#options.version ?? '0.1.0';
  }
  getLocale(): string {
    return this.getPreferredSystemLanguages()[0] ?? 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return this.#options.locales ?? ['en-US'];
  }
  requestSingleInstanceLock(): boolean {
    return this.#options.singleInstanceLock ?? true;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItems.push(settings);
  }
  getLoginItemSettings(): { wasOpenedAtLogin: boolean } {
    return { wasOpenedAtLogin: false };
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  /** Schemes the app registered as their handler. */
  readonly protocols: string[] = [];
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.protocols.push(protocol);
    return true;
  }
  /** macOS opening a link with the app. */
  openUrl(url: string): void {
    this.emit('open-url', fakeEvent({}), url);
  }
  /** The dock or taskbar badge, as last set. */
  badgeCount = 0;
  setBadgeCount(count?: number): boolean {
    this.badgeCount = count ?? 0;
    return true;
  }
  quit(): void {
    this.quitRequested++;
    const event = fakeEvent({});
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
    this.#resolveExit(exitCode);
  }
  /** Another launch of the app: Electron tells the running one. */
  secondInstance(argv: string[] = []): void {
    this.emit('second-instance', fakeEvent({}), argv, process.cwd(), {});
  }
}
