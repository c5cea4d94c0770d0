import { ChatKitError, checkProtocolVersion, HOST_METHODS, PROTOCOL_VERSION, serializeError, Timeouts } from '@xpert-ai/chatkit-protocol'
import type { ChatKitOptions, ErrorCode, FrameMethodName, Hello } from '@xpert-ai/chatkit-protocol'
import { invokeCallback } from './callbacks.js'
import { loadHostFetch } from './load-host-fetch.js'
import type { Connector, FrameCall, FrameLink } from './connector.js'
import { dispatchChatKitEvent, dispatchFrameEvent } from './events.js'
import { serializeOptions } from './serialize.js'

/** A call waiting for the frame: run it (no argument) or refuse it with the reason. */
type Job = (refusal?: ChatKitError) => void

/** `idle`: no frame document yet (or it went away); `failed`: the last handshake failed. */
export type BridgeState = 'idle' | 'connecting' | 'ready' | 'failed' | 'destroyed'

/**
 * The host end of the host ⇄ frame RPC. One `connect` per frame document (the element calls it on
 * every iframe `load`, so a reload after a deploy re-handshakes and re-applies the options). Calls
 * made before the handshake wait in a queue and go out in order once it passes; calls that cannot
 * run are rejected with a `ChatKitError` saying why. (`#` fields: the minifier shortens them.)
 */
export class Bridge {
  state: BridgeState = 'idle'
  /** What the frame said about itself in the last successful handshake. */
  frame?: Hello
  #queue: Job[] = []
  #link?: FrameLink
  #call?: FrameCall
  #error?: ChatKitError
  /** Bumped by every connect/suspend/destroy, so a late answer from an older attempt is ignored. */
  #attempt = 0
  /** Where `chatkit.*` events are dispatched: the element. */
  #target: EventTarget
  /** The options as last set: callbacks are looked up here, so the frame always calls the current ones. */
  #options: () => unknown
  #connector: Connector

  constructor(target: EventTarget, options: () => unknown, connector: Connector) {
    this.#target = target
    this.#options = options
    this.#connector = connector
  }

  async connect(remoteWindow: Window, origin: string): Promise<void> {
    if (this.state === 'destroyed') return
    const attempt = this.#close('connecting')
    const t = (this.#options() as ChatKitOptions | undefined)?.connectTimeout
    const timeout = typeof t === 'number' && t > 0 ? t : Timeouts.handshake
    const error = (error: ChatKitError) => dispatchChatKitEvent(this.#target, 'error', { error })
    const link = (this.#link = this.#connector({
      remoteWindow,
      origin,
      timeout,
      methods: {
        invoke: (path, args) => invokeCallback(this.#options(), path, args, Timeouts.callback, error),
        emit: (name, detail) => dispatchFrameEvent(this.#target, name, detail),
        // Loaded on first use: only pages that set api.fetch pay for it.
        fetch: (...a) => loadHostFetch().then((m) => m.hostFetch(this.#options(), ...a)),
      },
    }))
    // penpal connection, version exchange, then the options: only then is the frame ready.
    const handshake = async (): Promise<[FrameCall, Hello]> => {
      const call = await link.promise
      const hello: Hello = { protocolVersion: PROTOCOL_VERSION, capabilities: [...HOST_METHODS] }
      const frame = (await call('hello', [hello], Timeouts.call)) as Hello | null
      const check = checkProtocolVersion(PROTOCOL_VERSION, frame?.protocolVersion)
      if (!check.ok) throw new ChatKitError('protocol_mismatch' satisfies ErrorCode, check.reason)
      // `problems` rides along: extra data the frame may show (the element already fired chatkit.error).
      await call('setOptions', [serializeOptions(this.#options() as ChatKitOptions)], Timeouts.call)
      return [call, { ...frame!, capabilities: ([] as string[]).concat(frame!.capabilities || []) }]
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const [call, frame] = await Promise.race([
        handshake(),
        // Our own deadline covers the whole handshake; it fails the way penpal's connect timeout does.
        new Promise<never>((_, reject) => (timer = setTimeout(reject, timeout, { code: 'CONNECTION_TIMEOUT' }))),
      ])
      if (attempt !== this.#attempt) return
      this.#call = call
      this.frame = frame
      this.state = 'ready'
      dispatchChatKitEvent(this.#target, 'ready')
      for (const job of this.#queue.splice(0)) job()
    } catch (e) {
      if (attempt !== this.#attempt) return
      const { code, message } = serializeError(e, 'handshake_failed' satisfies ErrorCode)
      this.#error =
        code === 'CONNECTION_TIMEOUT'
          ? new ChatKitError('handshake_timeout' satisfies ErrorCode, `the ChatKit frame at ${origin} did not answer within ${timeout} ms`)
          : new ChatKitError(code, `handshake with ${origin} failed: ${message}`)
      this.#close('failed')
      error(this.#error)
    } finally {
      clearTimeout(timer)
    }
  }

  /** Runs a frame method now if the frame is ready, later if it is on its way, or refuses with a reason. */
  call(method: FrameMethodName, args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const job: Job = (refusal) => {
        const frame = this.frame!
        if (refusal) reject(new ChatKitError(refusal.code, `cannot call ${method}(): ${refusal.message}`))
        else if (!frame.capabilities.includes(method)) {
          reject(
            new ChatKitError(
              'not_supported' satisfies ErrorCode,
              `the ChatKit frame does not support ${method}() (host protocol ${PROTOCOL_VERSION}, frame protocol ${frame.protocolVersion})`,
            ),
          )
        } else {
          // penpal's codes (METHOD_CALL_TIMEOUT, CONNECTION_DESTROYED) or the frame's own pass through.
          this.#call!(method, args, Timeouts.call).then(resolve, (e) => {
            const { code, message } = serializeError(e, 'frame_error' satisfies ErrorCode)
            reject(new ChatKitError(code, `${method}() failed in the ChatKit frame: ${message}`))
          })
        }
      }
      if (this.state === 'ready') job()
      else this.#queue.push(job)
      this.#refuseQueued()
    })
  }

  /** Ends a handshake in progress with `error` (the element learnt the frame cannot answer). */
  fail(error: ChatKitError): void {
    if (this.state !== 'connecting') return
    this.#error = error
    this.#close('failed')
    dispatchChatKitEvent(this.#target, 'error', { error })
  }

  /** The frame document went away (element detached, src changing): calls wait for the next one. */
  suspend(): void {
    if (this.state !== 'destroyed') this.#close('idle')
  }

  destroy(): void {
    this.#close('destroyed')
  }

  /** Destroyed or failed: nothing queued can run, so every waiting call is rejected with the reason. */
  #refuseQueued(): void {
    const reason = this.state === 'destroyed' ? new ChatKitError('destroyed' satisfies ErrorCode, 'this ChatKit element was destroyed') : this.#error
    if (this.state === 'destroyed' || this.state === 'failed') for (const job of this.#queue.splice(0)) job(reason)
  }

  #close(next: BridgeState): number {
    this.#link?.destroy()
    this.#link = this.#call = this.frame = undefined
    this.state = next
    this.#refuseQueued()
    return ++this.#attempt
  }
}
