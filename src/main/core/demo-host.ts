import { demoFeedConfigs } from '../../demo/feeds.ts';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';
import type { FeedConfigInput } from '../../shared/feed.ts';

/** The port the embedded demo prefers, so demo feed URLs saved in settings stay valid across restarts. */
export const DEMO_PREFERRED_PORT = 47_811;
const DEMO_ID_PREFIX = 'demo-';

/**
 * Runs the built-in demo feeds inside the app on 127.0.0.1, started only when a demo feed is configured.
 * When the preferred port is taken it falls back to any free port and reports the new base URL so the
 * saved demo feeds can be pointed at it.
 */
export class DemoHost {
  readonly #preferredPort: number;
  #server: Promise<DemoServer> | null = null;

  constructor(preferredPort = DEMO_PREFERRED_PORT) {
    this.#preferredPort = preferredPort;
  }

  static isDemoFeed(feedId: string): boolean {
    return feedId.startsWith(DEMO_ID_PREFIX);
  }

  /** Starts the server if needed; resolves to its base URL. */
  async baseUrl(): Promise<string> {
    // Time-based ids keep increasing across app restarts, so saved Last-Event-IDs and dedupe stay valid.
    const firstId = Date.now();
    this.#server ??= startDemoServer({ port: this.#preferredPort, firstId }).catch(() =>
      startDemoServer({ port: 0, firstId }),
    );
    return (await this.#server).url;
  }

  /** The demo feeds as settings, pointed at the running server. */
  async feeds(): Promise<FeedConfigInput[]> {
    return demoFeedConfigs(await this.baseUrl());
  }

  /** A demo feed's URL moved to the running server's base, or null when it already points there. */
  async relocated(url: string): Promise<string | null> {
    const base = new URL(await this.baseUrl());
    const current = new URL(url);
    if (current.host === base.host || (current.hostname !== '127.0.0.1' && current.hostname !== 'localhost'))
      return null;
    current.host = base.host;
    return current.href;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server) await (await server).close();
  }
}
