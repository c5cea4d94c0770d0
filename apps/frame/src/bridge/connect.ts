import { connect, WindowMessenger, type Connection } from 'penpal'
import { CHANNEL, Timeouts, type FrameMethods, type HostMethods } from '@xpert-ai/chatkit-protocol'
import { guardWindowMessages } from './window-guard.js'

/**
 * Opens the penpal connection to the parent window. Only parents whose origin is in `allowed`
 * can complete the handshake; penpal ignores everyone else's messages, and the window guard
 * ignores hand-made ones from the parent page itself.
 */
export function connectToHost(methods: FrameMethods, allowed: (string | RegExp)[], timeout: number = Timeouts.handshake): Connection<HostMethods> {
  let connected = false
  guardWindowMessages(window, () => connected)
  const messenger = new WindowMessenger({ remoteWindow: window.parent, allowedOrigins: allowed })
  const connection = connect<HostMethods>({ messenger, methods: methods as never, channel: CHANNEL, timeout })
  connection.promise.then(
    () => (connected = true),
    () => {},
  )
  return connection
}
