/**
 * Where the app keeps `history.db`: Electron's `userData` folder, `<appData>/FeedTray`. The rule is
 * duplicated from Electron's `app.getPath('appData')` (the CLI runs without Electron): %APPDATA% on
 * Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
import { join } from 'node:path';

/** The product name Electron names the folder after (package.json `productName`). */
export const APP_FOLDER = 'FeedTray';

/** The app's user-data folder for this platform, environment and home folder. */
export function userDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}
