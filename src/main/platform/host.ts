import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the app takes from the process it runs in; tests and the fake self-test pass their own. */
export interface Host {
  platform: NodeJS.Platform;
  /** Reported by the self-test. */
  versions: { electron: string; node: string };
  env: Readonly<Record<string, string | undefined>>;
  execPath: string;
  tmpDir: string;
  /** Linux autostart folder (`$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`). */
  autostartDir: string;
  /** Writes one line to stdout (the self-test report). */
  print(line: string): void;
  /** How often the network state is polled. */
  onlinePollMs?: number;
  /** Port of the embedded demo server; tests pass 0. */
  demoPort?: number;
}

/** The real process. */
export function processHost(): Host {
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return {
    platform: process.platform,
    versions: { electron: process.versions.electron ?? 'unknown', node: process.versions.node },
    env: process.env,
    execPath: process.execPath,
    tmpDir: tmpdir(),
    autostartDir: join(configHome, 'autostart'),
    print: (line) => process.stdout.write(`${line}\n`),
  };
}
