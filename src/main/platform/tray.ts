import type { Clock } from '../ports.ts';
import type { ElectronDeps, ImageApi, TrayApi } from './deps.ts';
import type { AppPath } from './paths.ts';
import { throttle, type Throttled } from '../throttle.ts';
import type { TrayAction, TrayIconState, TrayMenuEntry, TrayMenuModel } from './tray-model.ts';

/** At most ~4 menu rebuilds a second: a menu rebuilt while open flickers, and building one is not free. */
const MIN_REBUILD_INTERVAL_MS = 250;

/**
 * The tray icon file for a state and unread count. macOS wants monochrome template images that follow
 * the menu bar, and shows the count as text beside them (`tray.setTitle`); Windows and Linux show it on
 * the icon: `tray-<state>-<n>.png` for 1 to 9, `tray-<state>-9plus.png` above (scripts/make-icons.ts).
 */
export function trayIconPath(
  appPath: AppPath,
  state: TrayIconState,
  platform: NodeJS.Platform,
  unread = 0,
): string {
  // `nativeImage.createFromPath` picks up the `@2x` file next to it on high-density screens.
  const name =
    platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}${countSuffix(unread)}.png`;
  // One call with a computed name: package:check enumerates what this function can open (runtimeFilesOf).
  return appPath('resources', 'tray', name);
}

/** `-1` … `-9`, `-9plus` above 9, or nothing for no unread events. */
function countSuffix(unread: number): string {
  // A count is whole; anything else (NaN, a fraction below 1, a negative) draws no number.
  const count = Math.floor(unread);
  if (!(count >= 1)) return '';
  return count > 9 ? '-9plus' : `-${count}`;
}

/** The tray icon and its menu, rendered from `trayMenuModel` and rebuilt (throttled) on every change. */
export class TrayController {
  readonly #electron: Pick<ElectronDeps, 'Tray' | 'Menu' | 'nativeImage' | 'app'>;
  readonly #platform: NodeJS.Platform;
  readonly #appPath: AppPath;
  readonly #model: () => TrayMenuModel;
  readonly #onAction: (action: TrayAction) => void;
  /** Loaded icons by file path (state and count): at most 6 states × 11 counts. */
  readonly #images = new Map<string, ImageApi>();
  readonly #throttled: Throttled;
  #tray: TrayApi | null = null;
  #iconPath: string | null = null;
  #tooltip = '';
  #unread = -1;

  constructor(options: {
    electron: Pick<ElectronDeps, 'Tray' | 'Menu' | 'nativeImage' | 'app'>;
    platform: NodeJS.Platform;
    appPath: AppPath;
    clock: Clock;
    model: () => TrayMenuModel;
    onAction: (action: TrayAction) => void;
    /** A click on the icon itself (Windows and most Linux trays; macOS opens the menu instead). */
    onClick: () => void;
  }) {
    this.#electron = options.electron;
    this.#platform = options.platform;
    this.#appPath = options.appPath;
    this.#model = options.model;
    this.#onAction = options.onAction;
    this.#throttled = throttle(() => this.render(), MIN_REBUILD_INTERVAL_MS, options.clock);
    const model = this.#model();
    this.#tray = new this.#electron.Tray(this.#image(model));
    this.#tray.on('click', options.onClick);
    this.#apply(model);
  }

  /** Asks for a rebuild; runs now or at the end of the current throttle window. */
  update(): void {
    this.#throttled.request();
  }

  /** Rebuilds now. */
  render(): void {
    if (this.#tray && !this.#tray.isDestroyed()) this.#apply(this.#model());
  }

  dispose(): void {
    this.#throttled.dispose();
    if (this.#tray && !this.#tray.isDestroyed()) this.#tray.destroy();
    this.#tray = null;
  }

  #apply(model: TrayMenuModel): void {
    const tray = this.#tray!;
    const iconPath = this.#iconPath;
    const image = this.#image(model);
    if (this.#iconPath !== iconPath) tray.setImage(image);
    if (model.tooltip !== this.#tooltip) {
      tray.setToolTip(model.tooltip);
      this.#tooltip = model.tooltip;
    }
    if (model.unread !== this.#unread) {
      // The count at a glance: beside the menu-bar icon on macOS, on the dock or taskbar where the OS
      // has a badge (macOS, Unity-style Linux launchers; a no-op elsewhere).
      if (this.#platform === 'darwin') tray.setTitle(model.unread > 0 ? String(model.unread) : '');
      this.#electron.app.setBadgeCount(model.unread);
      this.#unread = model.unread;
    }
    // Linux trays (StatusNotifierItem) only pick up a changed menu when it is set again.
    tray.setContextMenu(
      this.#electron.Menu.buildFromTemplate(model.entries.map((entry) => this.#item(entry))),
    );
  }

  #item(entry: TrayMenuEntry): Electron.MenuItemConstructorOptions {
    switch (entry.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: this.#text(entry.label), enabled: false };
      case 'checkbox':
        return {
          label: this.#text(entry.label),
          type: 'checkbox',
          checked: entry.checked,
          click: () => this.#onAction(entry.action),
        };
      case 'action':
        return { label: this.#text(entry.label), click: () => this.#onAction(entry.action) };
      case 'submenu':
        return { label: this.#text(entry.label), submenu: entry.entries.map((item) => this.#item(item)) };
    }
  }

  /** Windows and Linux read `&` as a mnemonic marker; a feed's "R&D" must show as typed. */
  #text(label: string): string {
    return this.#platform === 'darwin' ? label : label.replaceAll('&', '&&');
  }

  /** The icon for the model's state and count, loaded once; remembers which one is showing. */
  #image(model: Pick<TrayMenuModel, 'icon' | 'unread'>): ImageApi {
    const path = trayIconPath(this.#appPath, model.icon, this.#platform, model.unread);
    let image = this.#images.get(path);
    if (!image) {
      image = this.#electron.nativeImage.createFromPath(path);
      if (image.isEmpty()) console.warn(`tray: icon missing or unreadable: ${path}`);
      if (this.#platform === 'darwin') image.setTemplateImage(true);
      this.#images.set(path, image);
    }
    this.#iconPath = path;
    return image;
  }
}
