/** The core's public face: build it with `startCore`; everything else is reached through its operations. */
export { FeedTrayCore, type TraySnapshot } from './core.ts';
export type { CoreOptions } from './options.ts';
export type { CoreOperations } from './operations.ts';
export type { NotificationRequest, Notifier } from './notifier.ts';
export { startCore } from './start.ts';
