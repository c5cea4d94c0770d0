/**
 * `callHost(path, args)`: calls a function the host page put in the options (`onClientTool`,
 * `widgets.onAction`, `entities.onTagSearch`, …) and returns its value, or throws a `ChatKitError`
 * (`not_supported` when the host set no such callback, `callback_failed`/`callback_timeout`
 * otherwise). The host link is set once by the app; features import only this function.
 */
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { hasCallback } from '../options/store.js'
import type { HostLink } from './host.js'

let link: Pick<HostLink, 'invoke'> | null = null

export function setHostLink(l: Pick<HostLink, 'invoke'>): void {
  link = l
}

export async function callHost<T = unknown>(path: string, args: unknown[] = []): Promise<T> {
  if (!hasCallback(path)) throw new ChatKitError(ErrorCodes.NotSupported, `${path} is not set in the ChatKit options`)
  if (!link) throw new ChatKitError(ErrorCodes.NotReady, `cannot call ${path}: the host page is not connected`)
  // No chatkit.error from here: the host fires it itself when its callback throws or times out.
  return (await link.invoke(path, args)) as T
}
