/** The sandboxed preload: exposes exactly the IPC contract to the page as `window.feedtray`. */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeFeedTrayApi } from './api.ts';

exposeFeedTrayApi(contextBridge, ipcRenderer);
