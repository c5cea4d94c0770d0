/**
 * The frame's handle on the host: `invoke` a host callback by path, `emit` an event. Events
 * emitted before the connection opens are queued and sent once it does.
 */
import { CallOptions, type RemoteProxy } from 'penpal'
import {
  ChatKitError,
  ErrorCodes,
  serializeError,
  Timeouts,
  type CallbackResult,
  type ChatKitEventName,
  PROTOCOL_VERSION,
  type Hello,
  type HostMethods,
  type WireEventDetail,
} from '@xpert-ai/chatkit-protocol'

export type Emit = <K extends ChatKitEventName>(name: K, detail: WireEventDetail<K>) => void

export type HostLink = {
  /** Calls the host function at `path`; resolves with its value, rejects with a `ChatKitError`. */
  invoke(path: string, args: unknown[]): Promise<unknown>
  emit: Emit
  /** Reports an error to the host as a `chatkit.error` event. */
  emitError(e: unknown, code?: string): void
  /** `api.fetch`: one step of a request the host performs for the frame (`bridge/host-fetch.ts`). */
  fetch: HostMethods['fetch'] extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : never
}

export function createHostLink(): HostLink & { attach(remote: RemoteProxy<HostMethods>): void; greeted(host: Hello): void } {
  let remote: RemoteProxy<HostMethods> | null = null
  /** The host's hello: a host SDK without `invoke` (an older or newer minor) is refused by name. */
  let hostHello: Hello | null = null
  let queue: [ChatKitEventName, unknown][] = []

  const send = (name: ChatKitEventName, detail: unknown) => {
    // An event that cannot be delivered (the host page is going away) is not worth an error.
    ;(remote!.emit as (n: string, d: unknown) => Promise<void>)(name, detail).catch(() => {})
  }

  const link = {
    attach(r: RemoteProxy<HostMethods>) {
      remote = r
      const pending = queue
      queue = []
      for (const [name, detail] of pending) send(name, detail)
    },

    greeted(host: Hello) {
      hostHello = host
    },
    async invoke(path: string, args: unknown[]): Promise<unknown> {
      if (!remote) throw new ChatKitError(ErrorCodes.NotReady, `cannot call ${path}: the host page is not connected`)
      const caps = hostHello?.capabilities
      if (Array.isArray(caps) && !caps.includes('invoke')) {
        throw new ChatKitError(
          ErrorCodes.NotSupported,
          `the host page does not support invoke(), needed for ${path} (host protocol ${hostHello!.protocolVersion}, frame protocol ${PROTOCOL_VERSION})`,
        )
      }
      let result: CallbackResult
      try {
        result = await remote.invoke(path, args, new CallOptions({ timeout: Timeouts.callback }))
      } catch (e) {
        const timedOut = (e as { code?: unknown }).code === 'METHOD_CALL_TIMEOUT'
        throw new ChatKitError(
          timedOut ? ErrorCodes.CallbackTimeout : ErrorCodes.CallbackFailed,
          timedOut ? `the host did not answer ${path} within ${Timeouts.callback / 1000} s` : `calling ${path} in the host failed: ${(e as Error).message}`,
        )
      }
      if (result && result.ok === true) return result.value
      if (result && result.ok === false) {
        const err = serializeError(result.error, ErrorCodes.CallbackFailed)
        throw new ChatKitError(err.code, `${path} failed in the host: ${err.message}`)
      }
      throw new ChatKitError(ErrorCodes.CallbackFailed, `${path}: the host answered with an unexpected value`)
    },

    fetch(...args: Parameters<HostMethods['fetch']>) {
      if (!remote) return Promise.reject(new ChatKitError(ErrorCodes.NotReady, 'cannot use api.fetch: the host page is not connected'))
      const caps = hostHello?.capabilities
      if (Array.isArray(caps) && !caps.includes('fetch')) {
        return Promise.reject(
          new ChatKitError(
            ErrorCodes.NotSupported,
            `the host page's ChatKit SDK cannot perform api.fetch requests (host protocol ${hostHello!.protocolVersion}); update it`,
          ),
        )
      }
      // A read waits for the next chunk of a live answer: as long as a host callback may take.
      return remote.fetch(...args, new CallOptions({ timeout: Timeouts.callback })) as Promise<never>
    },

    emit: ((name, detail) => {
      if (remote) send(name, detail)
      else queue.push([name, detail])
    }) as Emit,

    emitError(e: unknown, code?: string) {
      const { code: c, message } = serializeError(e, code)
      link.emit('error', { error: { code: c, message } })
    },
  }
  return link
}
