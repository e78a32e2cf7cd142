import type { BrowserWindowApi, ElectronDeps } from './deps.ts';
import { guardSignInContents, hardenedWebPreferences } from './window-security.ts';

/**
 * "Sign in" for a feed that sends cookies: the feed's site in a plain browser window of the default
 * session, the one `net.fetch` uses, so the cookies the login sets are the ones the feed then sends.
 * Sandboxed, no preload, no Node: it is a remote page. When it closes the feed retries at once.
 */
export class SignInWindows {
  readonly #BrowserWindow: ElectronDeps['BrowserWindow'];
  readonly #onClosed: (feedId: string) => void;
  readonly #title: () => string;
  readonly #open = new Map<string, BrowserWindowApi>();

  constructor(options: {
    BrowserWindow: ElectronDeps['BrowserWindow'];
    onClosed: (feedId: string) => void;
    /** The window's title in the app's language; default English. */
    title?: () => string;
  }) {
    this.#BrowserWindow = options.BrowserWindow;
    this.#onClosed = options.onClosed;
    this.#title = options.title ?? (() => 'Sign in — FeedTray');
  }

  /** Opens (or brings forward) the sign-in window for a feed at the feed's site. */
  open(feedId: string, feedUrl: string): Promise<void> {
    const existing = this.#open.get(feedId);
    if (existing && !existing.isDestroyed()) {
      existing.show();
      existing.focus();
      return Promise.resolve();
    }
    const window = new this.#BrowserWindow({
      width: 900,
      height: 720,
      title: this.#title(),
      autoHideMenuBar: true,
      // No `partition`: the default session is where the feeds' cookies live.
      webPreferences: hardenedWebPreferences(),
    });
    this.#open.set(feedId, window);
    const load = (url: string) => {
      window
        .loadURL(url)
        .catch((error: unknown) => console.warn(`sign-in: could not load ${url}: ${String(error)}`));
    };
    guardSignInContents(window.webContents, load);
    window.on('closed', () => {
      this.#open.delete(feedId);
      this.#onClosed(feedId);
    });
    // The site's front page, not the stream itself, which would only show an endless text download.
    load(new URL('/', feedUrl).href);
    return Promise.resolve();
  }

  /** Closes every sign-in window (at quit). */
  closeAll(): void {
    for (const window of this.#open.values()) if (!window.isDestroyed()) window.destroy();
    this.#open.clear();
  }
}
