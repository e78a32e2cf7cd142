import type { NotificationRequest, Notifier } from '../core/index.ts';
import type { SoundName } from '../../shared/sounds.ts';
import type { ElectronDeps, NotificationApi } from './deps.ts';

/** What a click on a notification does, wired by the app: open a link, or the window on an event. */
export interface NotificationClickActions {
  openLink(url: string): void;
  showEvent(eventKey: string | null, feedId: string): void;
  /** A button on the notification was pressed: run that action of the event. */
  runAction?(eventKey: string, actionId: string): void;
}

/** Where Electron shows notification buttons (`actions` of type `button`): macOS and Windows. */
const BUTTON_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32']);

/** How a shown notification ended up, for the self-test. */
export type NotificationOutcome = { shown: true } | { shown: false; reason: string };

/**
 * Electron hands a notification's click to the JS object; once that object is collected the click is
 * lost. Keep the latest ones alive (bounded: on macOS they may sit in Notification Center for days).
 */
const KEPT_NOTIFICATIONS = 50;

/** Notifications through Electron's `Notification`: plain text, with sound, clicks routed back. */
export class ElectronNotifier implements Notifier {
  readonly #Notification: ElectronDeps['Notification'];
  readonly #platform: NodeJS.Platform;
  readonly #actions: NotificationClickActions;
  readonly #icon: string | undefined;
  readonly #kept = new Set<NotificationApi>();
  /** The notification showing for each tag (an incident's): the next with that tag replaces it. */
  readonly #tagged = new Map<string, NotificationApi>();
  readonly #playSound: ((name: SoundName) => void) | undefined;

  constructor(options: {
    Notification: ElectronDeps['Notification'];
    platform: NodeJS.Platform;
    actions: NotificationClickActions;
    /** The app icon, shown by Linux notification servers (Windows and macOS use the app's own). */
    iconPath?: string;
    /** Plays a bundled sound from the app itself (the `sound` option exists only on macOS). */
    playSound?: (name: SoundName) => void;
  }) {
    this.#playSound = options.playSound;
    this.#Notification = options.Notification;
    this.#platform = options.platform;
    this.#actions = options.actions;
    this.#icon = options.iconPath;
  }

  isSupported(): boolean {
    return this.#Notification.isSupported();
  }

  show(request: NotificationRequest): void {
    void this.showAndWatch(request);
  }

  /** Shows a notification; resolves when the OS reports it shown or failed (or after `timeoutMs`). */
  showAndWatch(request: NotificationRequest, timeoutMs = 5000): Promise<NotificationOutcome> {
    const buttons = this.#buttons(request);
    const notification = new this.#Notification({
      title: request.title,
      body: this.#plainBody(request.body),
      // The OS plays its own sound unless the feed chose none or a bundled one (played below, by the app).
      silent: request.sound !== 'os',
      // Linux servers rank by urgency (critical stays on screen); Windows and Linux keep a sticky one up.
      ...(this.#platform === 'linux' ? { urgency: request.urgency } : {}),
      ...(this.#platform !== 'darwin' ? { timeoutType: request.sticky ? 'never' : 'default' } : {}),
      ...(this.#icon && this.#platform === 'linux' ? { icon: this.#icon } : {}),
      ...(buttons.length > 0
        ? { actions: buttons.map(({ label }) => ({ type: 'button', text: label })) }
        : {}),
      // macOS and Windows know a notification by its id (a toast's Tag): an incident's replacement is
      // the same notification to them, and Notification Center can drop it after a restart. One group
      // per feed keeps a busy feed's notifications together.
      ...(this.#platform !== 'linux'
        ? { groupId: `feed:${request.feedId}`, ...(request.tag !== undefined ? { id: request.tag } : {}) }
        : {}),
    });
    if (request.sound !== 'os' && request.sound !== 'none') this.#playSound?.(request.sound);
    this.#keep(notification);
    if (request.tag !== undefined) this.#replace(request.tag, notification);
    notification.on('click', () => {
      this.#kept.delete(notification);
      // Buttons the OS cannot show are in the event's detail: the click opens that instead of the link.
      const hiddenButtons = (request.actions?.length ?? 0) > 0 && buttons.length === 0;
      if (request.link && !hiddenButtons) this.#actions.openLink(request.link);
      else this.#actions.showEvent(request.eventKey, request.feedId);
    });
    notification.on('action', (details, actionIndex) => {
      this.#kept.delete(notification);
      // Electron 45 passes the index in `details`; the positional one is its deprecated twin.
      const button = buttons[details.actionIndex ?? actionIndex];
      if (button && request.eventKey) this.#actions.runAction?.(request.eventKey, button.id);
    });
    notification.on('close', () => this.#kept.delete(notification));
    const outcome = new Promise<NotificationOutcome>((resolve) => {
      const timer = setTimeout(
        () => resolve({ shown: false, reason: `the OS did not confirm it within ${timeoutMs} ms` }),
        timeoutMs,
      );
      timer.unref?.();
      notification.on('show', () => {
        clearTimeout(timer);
        resolve({ shown: true });
      });
      notification.on('failed', (_event, error) => {
        clearTimeout(timer);
        this.#kept.delete(notification);
        resolve({ shown: false, reason: error });
      });
    });
    notification.show();
    return outcome;
  }

  /** Closes the notification shown with `tag`, if it is still there. */
  close(tag: string): void {
    const shown = this.#tagged.get(tag);
    this.#tagged.delete(tag);
    shown?.close();
    // One delivered before a restart has no object here any more; Notification Center still knows its id.
    if (this.#platform === 'darwin') this.#Notification.remove(tag);
  }

  /** Closes the one shown before with `tag` and remembers this one in its place until it closes. */
  #replace(tag: string, notification: NotificationApi): void {
    // macOS and Windows replace a notification of the same id themselves; closing the old one there
    // (asynchronous on macOS) could land after the replacement and take the new one away too.
    if (this.#platform === 'linux') this.#tagged.get(tag)?.close();
    this.#tagged.set(tag, notification);
    notification.on('close', () => {
      if (this.#tagged.get(tag) === notification) this.#tagged.delete(tag);
    });
    // Bounded like the kept ones: a tag not closed for long stops being replaceable, nothing worse.
    if (this.#tagged.size > KEPT_NOTIFICATIONS) this.#tagged.delete(this.#tagged.keys().next().value!);
  }

  /** The buttons this OS shows for the request (none on Linux, or without a way to run them). */
  #buttons(request: NotificationRequest): { id: string; label: string }[] {
    if (!BUTTON_PLATFORMS.has(this.#platform) || !this.#actions.runAction || !request.eventKey) return [];
    return request.actions ?? [];
  }

  #keep(notification: NotificationApi): void {
    this.#kept.add(notification);
    if (this.#kept.size <= KEPT_NOTIFICATIONS) return;
    const oldest = this.#kept.values().next().value;
    if (oldest) this.#kept.delete(oldest);
  }

  /**
   * Electron hands a Linux body to libnotify as is, and most notification servers read it as markup
   * (`<b>`, `<a href>`, `&amp;`). Escaping keeps a feed's text plain text there; the title is never markup.
   */
  #plainBody(body: string): string {
    if (this.#platform !== 'linux') return body;
    return body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  }
}
