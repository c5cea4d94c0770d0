import { afterEach, beforeEach, vi } from 'vitest'
import { ChatKitElement } from '@xpert-ai/chatkit-js'
import type { Connector, ConnectorOptions, FrameCall } from '@xpert-ai/chatkit-js'
import type { FrameMethodName, Hello } from '@xpert-ai/chatkit-protocol'
import { FRAME_METHODS, PROTOCOL_VERSION } from '@xpert-ai/chatkit-protocol'

/** A frame stand-in for unit tests: records calls, answers hello as told. The browser e2e uses penpal. */
export function fakeFrame(
  opts: { hello?: Partial<Hello>; connect?: 'never' | 'ok'; handlers?: Partial<Record<FrameMethodName, (...a: unknown[]) => unknown>> } = {},
) {
  const calls: [FrameMethodName, unknown[]][] = []
  const links: ConnectorOptions[] = []
  let destroyed = 0
  const call: FrameCall = async (method, args) => {
    calls.push([method, args])
    if (method === 'hello') return { protocolVersion: PROTOCOL_VERSION, capabilities: [...FRAME_METHODS], ...opts.hello }
    return opts.handlers?.[method]?.(...args)
  }
  const connector: Connector = (o) => {
    links.push(o)
    return {
      promise: opts.connect === 'never' ? new Promise<FrameCall>(() => {}) : Promise.resolve(call),
      destroy: () => void destroyed++,
    }
  }
  return {
    connector,
    calls,
    links,
    get destroyed() {
      return destroyed
    },
  }
}

/** Every element of the test file talks to a fresh fake frame; console errors are silenced and the page emptied after each test. */
export function useFakeFrames(): void {
  const real = ChatKitElement.connector
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    ChatKitElement.connector = fakeFrame().connector
  })
  afterEach(() => {
    vi.restoreAllMocks()
    ChatKitElement.connector = real
    document.body.innerHTML = ''
  })
}
