/**
 * The names of every IPC channel, without their schemas, so the preload (which must stay one small
 * CommonJS file) can allow exactly these and nothing else. `ipc.ts` gives each its schemas.
 */

/** Renderer → main requests (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const INVOKE_CHANNELS = [
  'feeds:list',
  'feeds:add',
  'feeds:update',
  'feeds:remove',
  'feeds:move',
  'feeds:test',
  'feeds:retry',
  'feeds:statuses',
  'feeds:addDemo',
  'feeds:snooze',
  'feeds:takeAddLink',
  'prefs:get',
  'prefs:set',
  'history:query',
  'history:series',
  'history:markRead',
  'rules:preview',
  'incidents:list',
  'incidents:timeline',
  'app:state',
  'app:setPaused',
  'app:setDoNotDisturb',
  'app:signIn',
  'app:openLink',
  'app:ping',
  'settings:export',
  'settings:import',
  'actions:list',
  'actions:run',
  'window:ack',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Main → renderer pushes (`webContents.send` / `ipcRenderer.on`). */
export const PUSH_CHANNELS = [
  'push:statuses',
  'push:events',
  'push:state',
  'push:focus',
  'push:show',
  'push:addFeed',
  'push:sound',
  'push:decisions',
  'push:incidents',
  'push:batchEnd',
] as const;
export type PushChannel = (typeof PUSH_CHANNELS)[number];

/** The name under which the preload exposes the API on `window`. */
export const API_NAME = 'feedtray';
