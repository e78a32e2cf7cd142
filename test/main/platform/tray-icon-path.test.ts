import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIconPath } from '../../../src/main/platform/tray.ts';
import type { TrayIconState } from '../../../src/main/platform/tray-model.ts';

const appPath = (...segments: string[]) => segments.join('/');
const root = join(import.meta.dirname, '..', '..', '..');
const states: TrayIconState[] = ['normal', 'attention', 'urgent', 'error', 'paused', 'dnd'];

describe('trayIconPath', () => {
  it('gives macOS the template image without a number: the count shows as the tray title instead', () => {
    for (const unread of [0, 1, 9, 10, 5000]) {
      expect(trayIconPath(appPath, 'urgent', 'darwin', unread)).toBe(
        'resources/tray/tray-urgentTemplate.png',
      );
    }
  });

  it('gives Windows and Linux the plain icon when nothing is unread', () => {
    expect(trayIconPath(appPath, 'normal', 'win32')).toBe('resources/tray/tray-normal.png');
    expect(trayIconPath(appPath, 'dnd', 'linux', 0)).toBe('resources/tray/tray-dnd.png');
  });

  it('gives Windows and Linux the numbered icon for 1 to 9 unread, and "9plus" above', () => {
    expect(trayIconPath(appPath, 'attention', 'win32', 1)).toBe('resources/tray/tray-attention-1.png');
    expect(trayIconPath(appPath, 'error', 'linux', 9)).toBe('resources/tray/tray-error-9.png');
    expect(trayIconPath(appPath, 'urgent', 'linux', 10)).toBe('resources/tray/tray-urgent-9plus.png');
    expect(trayIconPath(appPath, 'paused', 'win32', 2 ** 53)).toBe('resources/tray/tray-paused-9plus.png');
    expect(trayIconPath(appPath, 'paused', 'win32', Infinity)).toBe('resources/tray/tray-paused-9plus.png');
  });

  it('draws no number for a count that is not a positive whole number, and counts a fraction down', () => {
    for (const unread of [Number.NaN, -1, -Infinity, 0.5]) {
      expect(trayIconPath(appPath, 'normal', 'linux', unread)).toBe('resources/tray/tray-normal.png');
    }
    expect(trayIconPath(appPath, 'normal', 'linux', 2.7)).toBe('resources/tray/tray-normal-2.png');
  });

  it('names only icons the repository has, each with its @2x', () => {
    for (const state of states) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        for (let unread = 0; unread <= 12; unread++) {
          const file = trayIconPath(appPath, state, platform, unread);
          expect(existsSync(join(root, file)), file).toBe(true);
          expect(existsSync(join(root, file.replace(/\.png$/, '@2x.png'))), file).toBe(true);
        }
      }
    }
  });
});
