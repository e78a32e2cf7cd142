import { IPC, invalidRequest, type IpcResult } from '../../shared/ipc.ts';
import type { Handlers } from './handlers.ts';

/**
 * The IPC dispatcher, for the renderer only: a known channel, a request valid against its zod schema,
 * then its handler. It never rejects: an unexpected throw becomes an `internal` error value. (The tray,
 * the sign-in window and the self-test call core operations directly, not through here.)
 */
export function dispatcher(handlers: Handlers) {
  return async (channel: string, request: unknown): Promise<IpcResult<unknown>> => {
    if (!Object.hasOwn(IPC, channel)) {
      return {
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown channel: ${channel.slice(0, 60)}` },
      };
    }
    const known = channel as keyof typeof IPC;
    const parsed = IPC[known].request.safeParse(request);
    if (!parsed.success) return { ok: false, error: invalidRequest(parsed.error) };
    try {
      return await handlers[known](parsed.data as never);
    } catch (error) {
      console.error(`ipc ${channel} failed`, error);
      return {
        ok: false,
        error: { code: 'internal', message: `FeedTray hit an internal error: ${(error as Error).message}` },
      };
    }
  };
}
