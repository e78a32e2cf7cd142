import type { PreventableEvent, SessionApi, WebContentsApi } from './deps.ts';
import { isHttpUrl } from '../../shared/presentation/link.ts';
import { isRendererUrl, type RendererSource } from './paths.ts';

/**
 * The app window's Content-Security-Policy, sent as a response header as well as the page's meta tag:
 * the header also covers what a meta tag cannot (`frame-ancestors`) and cannot be edited out of the page.
 * Keep it equal to the meta tag in src/renderer/index.html (a test compares them).
 */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self'; " +
  "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The BrowserWindow options every FeedTray window shares: isolated, sandboxed, no Node, web security on. */
export function hardenedWebPreferences(preload?: string): Electron.WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    ...(preload ? { preload } : {}),
  };
}

/**
 * The app window never leaves its own page: navigation elsewhere is cancelled, new windows are denied
 * (http(s) links go to the browser instead), and `<webview>` is refused even if one were injected.
 */
export function guardAppContents(
  contents: WebContentsApi,
  source: RendererSource,
  openInBrowser: (url: string) => void,
): void {
  contents.on('will-navigate', (event) => {
    if (isRendererUrl(source, event.url)) return;
    event.preventDefault();
    // A clicked web link: the user meant to read it, so it goes to the browser.
    if (isHttpUrl(event.url)) openInBrowser(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isRendererUrl(source, event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpUrl(url)) openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The sign-in window may go anywhere on the web, and nowhere else (`file:`, custom schemes). */
export function guardSignInContents(contents: WebContentsApi, load: (url: string) => void): void {
  const webOnly = (event: PreventableEvent & { url: string }) => {
    if (!isHttpUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', webOnly);
  contents.on('will-redirect', webOnly);
  // Popups (an identity provider's login) open in this same window, so their cookies land in its session.
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpUrl(url)) load(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Session-wide rules: every permission (camera, notifications, geolocation, …) is denied, and the app
 * page gets its CSP header. Feeds' requests and sign-in pages pass through untouched.
 */
export function hardenSession(session: SessionApi, source: RendererSource): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const urls = source.kind === 'file' ? ['file:///*'] : [`${source.origin}/*`];
  session.webRequest.onHeadersReceived({ urls }, (details, callback) => {
    if (details.resourceType !== 'mainFrame' || !isRendererUrl(source, details.url)) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [APP_CSP] } });
  });
}
