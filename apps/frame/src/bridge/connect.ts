import { connect, WindowMessenger, type Connection } from 'penpal'
import { CHANNEL, Timeouts, type FrameMethods, type HostMethods } from '@xpert-ai/chatkit-protocol'

/**
 * Opens the penpal connection to the parent window. Only parents whose origin is in `allowed`
 * can complete the handshake; penpal ignores everyone else's messages.
 */
export function connectToHost(
  methods: FrameMethods,
  allowed: (string | RegExp)[],
  timeout: number = Timeouts.handshake,
): Connection<HostMethods> {
  const messenger = new WindowMessenger({ remoteWindow: window.parent, allowedOrigins: allowed })
  return connect<HostMethods>({ messenger, methods: methods as never, channel: CHANNEL, timeout })
}
