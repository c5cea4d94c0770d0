/**
 * `callHost(path, args)`: calls a function the host page put in the options (`onClientTool`,
 * `widgets.onAction`, `entities.onTagSearch`, …) and returns its value, or throws a `ChatKitError`
 * (`not_supported` when the host set no such callback, `callback_failed`/`callback_timeout`
 * otherwise). Made once by the composition root (`app/compose.ts`) from the host link and handed to
 * the features that call the host.
 */
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { hasCallback } from '../options/index.js'
import type { HostLink } from './host.js'

export type CallHost = <T = unknown>(path: string, args?: unknown[]) => Promise<T>

export function createCallHost(link: Pick<HostLink, 'invoke'>): CallHost {
  return async <T>(path: string, args: unknown[] = []): Promise<T> => {
    if (!hasCallback(path)) throw new ChatKitError(ErrorCodes.NotSupported, `${path} is not set in the ChatKit options`)
    // No chatkit.error from here: the host fires it itself when its callback throws or times out.
    return (await link.invoke(path, args)) as T
  }
}
