/**
 * The host side of the MCP Apps protocol (`@modelcontextprotocol/ext-apps`, spec 2026-01-26):
 * JSON-RPC 2.0 over postMessage with one app's sandboxed sub-frame. Everything the app sends is
 * checked here; it reaches the frame only through the few methods below, each mapped to one
 * `AppHostDeps` function (which apply the frame's own rules: the server's scoping and approval
 * for tool calls, the link policy, the conversation's state for messages). Anything else is
 * answered "method not found" (requests) or dropped (notifications, responses).
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'

const PROTOCOL_VERSIONS = ['2026-01-26', '2025-11-21'] as const
/** The sub-frame grows with the app up to this height (px), then scrolls inside. */
export const MAX_APP_HEIGHT = 640
export const MIN_APP_HEIGHT = 24
/** The longest `ui/message` text accepted (characters). */
export const MAX_MESSAGE_CHARS = 4000

export type HostContext = {
  theme: 'light' | 'dark'
  locale: string
  displayMode: 'inline'
  availableDisplayModes: ['inline']
  platform: 'web'
  containerDimensions: { width: number; maxHeight: number }
}

export type AppHostDeps = {
  /** Posts a JSON-RPC message to the app's window. */
  post(message: unknown): void
  context(): HostContext
  hostVersion: string
  /** The tool call the app belongs to: its arguments and its MCP result. */
  toolInput: Record<string, unknown>
  toolResult: { content: unknown[]; structuredContent?: unknown; isError?: boolean }
  /** An MCP `CallToolResult`; rejects with a message the app gets as a JSON-RPC error. */
  callTool(name: string, args: Record<string, unknown>): Promise<unknown>
  /** Puts the text into the conversation; false when it cannot now (e.g. an answer is running). */
  sendMessage(text: string): boolean
  /** Opens the link through the frame's link policy; false when the policy refuses it. */
  openLink(url: string): boolean
  /** The app's wanted content height (px), already bounded. */
  resize(height: number): void
}

type Rpc = { jsonrpc: '2.0'; id?: string | number; method?: string; params?: Record<string, unknown> }

const METHOD_NOT_FOUND = -32601
const INVALID_PARAMS = -32602
const INTERNAL = -32603

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export function createAppHost(d: AppHostDeps) {
  let initialized = false
  let nextId = 1
  const reply = (id: string | number, body: { result: unknown } | { error: { code: number; message: string } }) => d.post({ jsonrpc: '2.0', id, ...body })
  const notify = (method: string, params: unknown) => d.post({ jsonrpc: '2.0', method, params })

  const requests: Record<string, (p: Record<string, unknown>) => unknown> = {
    'ui/initialize'(p) {
      const asked = typeof p.protocolVersion === 'string' ? p.protocolVersion : ''
      return {
        protocolVersion: (PROTOCOL_VERSIONS as readonly string[]).includes(asked) ? asked : PROTOCOL_VERSIONS[0],
        hostInfo: { name: 'chatkit', version: d.hostVersion },
        hostCapabilities: { openLinks: {}, serverTools: {}, message: { text: {} } },
        hostContext: d.context(),
      }
    },
    ping: () => ({}),
    async 'tools/call'(p) {
      if (typeof p.name !== 'string' || !p.name) throw new RpcError(INVALID_PARAMS, 'tools/call: name must be a non-empty string')
      if (p.arguments !== undefined && !isRecord(p.arguments)) throw new RpcError(INVALID_PARAMS, 'tools/call: arguments must be an object')
      return d.callTool(p.name, (p.arguments as Record<string, unknown> | undefined) ?? {})
    },
    'ui/open-link'(p) {
      if (typeof p.url !== 'string') throw new RpcError(INVALID_PARAMS, 'ui/open-link: url must be a string')
      return d.openLink(p.url) ? {} : { isError: true }
    },
    'ui/message'(p) {
      if (p.role !== 'user' || !Array.isArray(p.content)) throw new RpcError(INVALID_PARAMS, 'ui/message: expected role "user" and content blocks')
      const text = p.content
        .flatMap((b) => (isRecord(b) && b.type === 'text' && typeof b.text === 'string' ? [b.text] : []))
        .join('\n')
        .trim()
      if (!text || text.length > MAX_MESSAGE_CHARS)
        throw new RpcError(INVALID_PARAMS, `ui/message: expected text content of 1 to ${MAX_MESSAGE_CHARS} characters`)
      return d.sendMessage(text) ? {} : { isError: true }
    },
    'ui/request-display-mode': () => ({ mode: 'inline' }),
  }

  const notifications: Record<string, (p: Record<string, unknown>) => void> = {
    'ui/notifications/initialized'() {
      if (initialized) return
      initialized = true
      notify('ui/notifications/tool-input', { arguments: d.toolInput })
      notify('ui/notifications/tool-result', d.toolResult)
    },
    'ui/notifications/size-changed'(p) {
      if (typeof p.height !== 'number' || !Number.isFinite(p.height)) return
      d.resize(Math.round(Math.min(MAX_APP_HEIGHT, Math.max(MIN_APP_HEIGHT, p.height))))
    },
  }

  return {
    /** One message from the app's window (anything: it is checked here). */
    receive(data: unknown) {
      if (!isRecord(data) || data.jsonrpc !== '2.0') return
      const m = data as Rpc
      if (typeof m.method !== 'string' || (m.params !== undefined && !isRecord(m.params))) return
      const params = m.params ?? {}
      const id = m.id
      if (id === undefined) return void (Object.hasOwn(notifications, m.method) && notifications[m.method](params))
      if (typeof id !== 'string' && typeof id !== 'number') return
      const handler = Object.hasOwn(requests, m.method) ? requests[m.method] : undefined
      if (!handler) return reply(id, { error: { code: METHOD_NOT_FOUND, message: `method not found: ${m.method.slice(0, 100)}` } })
      Promise.resolve()
        .then(() => handler(params))
        .then(
          (result) => reply(id, { result }),
          (e: unknown) => reply(id, { error: { code: e instanceof RpcError ? e.code : INTERNAL, message: e instanceof Error ? e.message : String(e) } }),
        )
    },
    /** Tells the app the frame's theme (or another context field) changed. */
    contextChanged(patch: Partial<HostContext>) {
      if (initialized) notify('ui/notifications/host-context-changed', patch)
    },
    /** Asks the app to clean up before its sub-frame is removed (best effort: no answer awaited). */
    teardown() {
      if (initialized) d.post({ jsonrpc: '2.0', id: `teardown-${nextId++}`, method: 'ui/resource-teardown', params: {} })
    },
  }
}
