import { CallOptions, connect, WindowMessenger } from 'penpal'
import { CHANNEL, isForeignPenpalMessage } from '@xpert-ai/chatkit-protocol'
import type { FrameMethodName, FrameMethods, HostMethodName, HostMethods } from '@xpert-ai/chatkit-protocol'

/** Calls one frame method with a time limit (penpal has none by default). */
export type FrameCall = (method: FrameMethodName, args: unknown[], timeout: number) => Promise<unknown>

/** The host's half of the contract, async where it waits on the user's code. */
export type HostImpl = {
  [K in HostMethodName]: (...args: Parameters<HostMethods[K]>) => ReturnType<HostMethods[K]> | Promise<ReturnType<HostMethods[K]>>
}

/** One connection attempt to one frame document. */
export type FrameLink = { promise: Promise<FrameCall>; destroy(): void }

export type ConnectorOptions = {
  /** The iframe's window: messages from any other window are ignored. */
  remoteWindow: Window
  /** Origin of `frameUrl`: the only origin messages are accepted from and sent to. */
  origin: string
  methods: HostImpl
  timeout: number
}

/** Opens the RPC channel to a frame document. Unit tests replace it; the browser uses penpal. */
export type Connector = (options: ConnectorOptions) => FrameLink

export const penpalConnector: Connector = ({ remoteWindow, origin, methods, timeout }) => {
  // From the frame's window only the handshake is penpal's, and only until it completes (a frame
  // reload is a new connection); the rest goes over the MessagePort. Anything else penpal-shaped
  // (a replayed SYN, a v6 message) would drop or downgrade the live link.
  let open = false
  const guard = (e: MessageEvent) => e.source === remoteWindow && isForeignPenpalMessage(e.data, !open) && e.stopImmediatePropagation()
  addEventListener('message', guard, true)
  const connection = connect<FrameMethods>({
    messenger: new WindowMessenger({ remoteWindow, allowedOrigins: [origin] }),
    methods,
    channel: CHANNEL,
    timeout,
  })
  connection.promise.then(
    () => (open = true),
    () => {},
  )
  return {
    promise: connection.promise.then(
      (remote) => (method, args, ms) => (remote[method] as (...a: unknown[]) => Promise<unknown>)(...args, new CallOptions({ timeout: ms })),
    ),
    destroy() {
      removeEventListener('message', guard, true)
      connection.destroy()
    },
  }
}
