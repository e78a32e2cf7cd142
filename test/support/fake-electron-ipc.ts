import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import type { InvokeEventApi, IpcMainApi } from '../../src/main/platform/deps.ts';

/**
 * TEST DOUBLE: both ends of Electron IPC. `FakeIpcMain` is `ipcMain.handle` with Electron's rules;
 * `FakeRenderer` is one loaded page: it REALLY runs the preload bundle in its own VM context with a
 * `require` that, like a sandboxed renderer's, offers only `electron` (`contextBridge`, `ipcRenderer`
 * routed to `FakeIpcMain` as that page's top frame), and evaluates `executeJavaScript` in the page's world.
 */

/** The page's web contents, the sender ipcMain sees. */
type Sender = InvokeEventApi['sender'];

type Handler = (event: InvokeEventApi, ...args: unknown[]) => unknown;

/** `ipcMain.handle` with Electron's rules: one handler per channel, arguments and results cloned. */
export class FakeIpcMain implements IpcMainApi {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What `ipcRenderer.invoke` does on the main side, from a given sender and frame. */
  async invoke(event: InvokeEventApi, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
    // Electron serializes with the structured clone algorithm: a function or a DOM node would throw here.
    const cloned = structuredClone(args);
    try {
      return structuredClone(await handler(event, ...cloned));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
}

type PushListener = (event: unknown, ...args: unknown[]) => void;

/** The renderer side of one loaded page: the preload's isolated world and the page's main world. */
export class FakeRenderer {
  readonly #contents: Sender;
  readonly #ipcMain: FakeIpcMain;
  readonly #listeners = new Map<string, Set<PushListener>>();
  readonly #mainWorld = vm.createContext({});

  constructor(contents: Sender, ipcMain: FakeIpcMain) {
    this.#contents = contents;
    this.#ipcMain = ipcMain;
    vm.runInContext('globalThis.window = globalThis;', this.#mainWorld);
  }

  /** Runs a CommonJS preload bundle as a sandboxed renderer would. */
  runPreload(path: string): void {
    const code = readFileSync(path, 'utf8');
    const isolatedWorld = vm.createContext({ console });
    const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, isolatedWorld, {
      filename: path,
    }) as (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void;
    const module = { exports: {} };
    wrapper((name) => this.#require(name), module, module.exports);
  }

  /** `executeJavaScript`: evaluated in the page's world, awaited, and cloned back like Electron does. */
  async evaluate(code: string): Promise<unknown> {
    return structuredClone(await (vm.runInContext(code, this.#mainWorld) as unknown));
  }

  deliver(channel: string, args: unknown[]): void {
    for (const listener of this.#listeners.get(channel) ?? [])
      listener({ sender: 'ipcRenderer' }, ...structuredClone(args));
  }

  #require(name: string): unknown {
    if (name !== 'electron')
      throw new Error(`Cannot find module '${name}': a sandboxed preload can only require electron`);
    const contents = this.#contents;
    const ipcMain = this.#ipcMain;
    const listeners = this.#listeners;
    const mainWorld = this.#mainWorld;
    return {
      contextBridge: {
        exposeInMainWorld(key: string, api: Record<string, unknown>) {
          // Like the real bridge: a frozen copy whose functions call back into the isolated world.
          const bridged: Record<string, unknown> = {};
          for (const [name, value] of Object.entries(api)) {
            bridged[name] =
              typeof value === 'function'
                ? (...args: unknown[]) => (value as (...args: unknown[]) => unknown)(...args)
                : structuredClone(value);
          }
          (mainWorld as Record<string, unknown>)[key] = Object.freeze(bridged);
        },
      },
      ipcRenderer: {
        invoke: (channel: string, ...args: unknown[]) =>
          ipcMain.invoke({ sender: contents, senderFrame: contents.mainFrame }, channel, ...args),
        on(channel: string, listener: PushListener) {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)!.add(listener);
          return this;
        },
        removeListener(channel: string, listener: PushListener) {
          listeners.get(channel)?.delete(listener);
          return this;
        },
      },
    };
  }
}
