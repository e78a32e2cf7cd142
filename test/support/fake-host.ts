import { processHost, type Host } from '../../src/main/platform/host.ts';

/**
 * The host a test boots the app on: Linux, a fake Electron version, no environment, silent, the
 * embedded demo on any free port, a fast online poll, and the autostart folder given.
 */
export function fakeHost(autostartDir: string, overrides: Partial<Host> = {}): Host {
  return {
    ...processHost(),
    platform: 'linux',
    versions: { electron: 'fake', node: process.versions.node },
    execPath: '/opt/FeedTray/feedtray',
    env: {},
    autostartDir,
    demoPort: 0,
    onlinePollMs: 20,
    print: () => undefined,
    ...overrides,
  };
}
