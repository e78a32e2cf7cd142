/** What every view is handed: the IPC client, the store, the notice area and a few app-wide actions. */
import type { AddLink } from '../shared/add-link.ts';
import type { IpcClient } from './api.ts';
import type { Notices } from './components/notices.ts';
import type { MappingRole } from './components/json-tree.ts';
import type { AppStore } from './store/app-store.ts';

/** The tabs of the window, in order. */
export type TabId = 'feeds' | 'live' | 'charts' | 'history' | 'incidents' | 'preferences';

/** An event to map fields from, as the Test result or the live list has it. */
export interface SampleEvent {
  type: string;
  id: string;
  data: string;
}

/** How the feed editor should open. */
export interface EditRequest {
  /** The feed to edit; null adds a new one. */
  feedId: string | null;
  /** An event to show in the mapping panel. */
  sample?: SampleEvent;
  /** A mapping field to fill right away (from "use as …" in the live view). */
  use?: { pointer: string; role: MappingRole };
  /** A new feed offered by a `feedtray://add` link: the editor opens pre-filled, the user decides. */
  fromLink?: AddLink;
}

/** The world a view lives in (passed in, never imported, so views stay testable and small). */
export interface AppContext {
  ipc: IpcClient;
  store: AppStore;
  notices: Notices;
  /** Opens the feed editor. */
  edit(request: EditRequest): void;
  /** Switches to a tab. */
  showTab(tab: TabId): void;
}
