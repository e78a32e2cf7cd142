import { mkdir, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppApi } from './deps.ts';

/** Why the login item could not be changed. */
export interface LaunchAtLoginError {
  code: 'autostart-write-failed';
  message: string;
}

/** The argument a login start carries, so the app starts in the tray without opening its window. */
export const HIDDEN_ARG = '--hidden';

/** Where and how the app runs, for the login item. */
export interface LaunchTarget {
  platform: NodeJS.Platform;
  /** `process.execPath`: the app's executable (or Electron's in development). */
  execPath: string;
  /** Set by AppImage to the image file; the executable itself lives in a mount that vanishes on exit. */
  appImage: string | undefined;
  /** In development the executable is Electron and needs the app folder as its first argument. */
  appFolder: string | null;
  /** Linux: the folder for XDG autostart entries (`$XDG_CONFIG_HOME/autostart`). */
  autostartDir: string;
}

/** The XDG autostart file name. */
export const AUTOSTART_FILE = 'feedtray.desktop';

/**
 * Registers or removes FeedTray as a login item: `app.setLoginItemSettings` on macOS and Windows, an XDG
 * autostart entry on Linux (Electron has no login items there).
 */
export async function setLaunchAtLogin(
  app: Pick<AppApi, 'setLoginItemSettings'>,
  target: LaunchTarget,
  enabled: boolean,
): Promise<{ ok: true } | { ok: false; error: LaunchAtLoginError }> {
  const args = [...(target.appFolder ? [target.appFolder] : []), HIDDEN_ARG];
  if (target.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: enabled, path: target.execPath, args });
    return { ok: true };
  }
  const file = join(target.autostartDir, AUTOSTART_FILE);
  try {
    if (!enabled) {
      await rm(file, { force: true });
      return { ok: true };
    }
    await mkdir(target.autostartDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, desktopEntry(target.appImage ?? target.execPath, args), { mode: 0o644 });
    await rename(temp, file);
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'autostart-write-failed',
        message: `FeedTray could not ${enabled ? 'write' : 'remove'} ${file}: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}

/** A Desktop Entry for the autostart folder. */
export function desktopEntry(executable: string, args: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=FeedTray',
    'Comment=Keeps your Server-Sent Events feeds alive',
    `Exec=${[executable, ...args].map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * [spec] Desktop Entry "Exec": an argument with reserved characters is double-quoted, and inside quotes
 * `"`, `` ` ``, `$` and `\` are backslash-escaped; then the string-value escape doubles every backslash,
 * and a literal `%` is written `%%` (field codes).
 */
function execArgument(arg: string): string {
  const percent = arg.replaceAll('%', '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(percent)) return percent;
  const quoted = `"${percent.replace(/["`$\\]/g, (char) => `\\${char}`)}"`;
  return quoted.replaceAll('\\', '\\\\');
}
