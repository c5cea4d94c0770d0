/**
 * An MCP App (a tool step's `ui://` resource) in the frame's sandbox sub-frame — the same
 * `/chatkit/sandbox` document as artifact previews (`sandbox="allow-scripts"`, opaque origin, no
 * network) — with the frame speaking the host side of the MCP Apps protocol (`app-host.ts`) over
 * the sub-frame's window messages, which the window guard hands only to this app's handler. Its
 * `tools/call`s go through our server (scoped to this thread and step); a destructive tool is
 * asked of the user here, in the frame, where the app cannot click.
 */
import { useCallback, useRef, useState } from 'preact/hooks'
import { ApiErrorCodes, isRecord } from '@xpert-ai/chatkit-protocol'
import { ApiError } from '../api/index.js'
import { SandboxFrame } from '../artifacts/SandboxFrame.js'
import { listenToSubFrame } from '../bridge/index.js'
import { currentLocale, t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { safeLinkHref } from '../markdown/urls.js'
import { useConversation } from '../message/context.js'
import type { ToolPart } from '../message/index.js'
import { FRAME_VERSION } from '../version.js'
import { createAppHost, MAX_APP_HEIGHT, type HostContext } from './app-host.js'
import { mcpAppOf } from './detect.js'
import './mcp-apps.css'

type Ask = { name: string; answer(allowed: boolean): void }

const scheme = (): 'light' | 'dark' => (document.documentElement.dataset.colorScheme === 'dark' ? 'dark' : 'light')

/** The frame's link policy for app links: http(s)/mailto only, a new tab without opener or referrer. */
function openLink(url: string): boolean {
  const href = safeLinkHref(url)
  if (!href) return false
  window.open(href, '_blank', 'noopener,noreferrer')
  return true
}

export function McpApp({ part }: { part: ToolPart }) {
  const conversation = useConversation()
  const [height, setHeight] = useState<number | undefined>(undefined)
  const [ask, setAsk] = useState<Ask | null>(null)
  const box = useRef<HTMLDivElement>(null)
  // The host is made once per sub-frame load: it reads the newest props through this ref.
  const latest = useRef({ part, conversation })
  latest.current = { part, conversation }
  /** One question at a time: a second destructive call while one is asked is declined. */
  const pendingAsk = useRef(false)

  const bind = useCallback((win: Window) => {
    const approval = (name: string) =>
      new Promise<boolean>((resolve) => {
        if (pendingAsk.current) return resolve(false)
        pendingAsk.current = true
        setAsk({ name, answer: (allowed) => ((pendingAsk.current = false), setAsk(null), resolve(allowed)) })
      })
    const callTool = async (name: string, args: Record<string, unknown>) => {
      const { part: p, conversation: c } = latest.current
      const call = (approved: boolean) => c.appTool({ step: p.id, name, arguments: args, approved })
      try {
        return await call(false)
      } catch (e) {
        if (!(e instanceof ApiError) || e.apiCode !== ApiErrorCodes.ApprovalRequired) throw e
        if (!(await approval(name))) throw new Error(`the user did not allow "${name}"`)
        return call(true)
      }
    }
    const context = (): HostContext => ({
      theme: scheme(),
      locale: currentLocale(),
      displayMode: 'inline',
      availableDisplayModes: ['inline'],
      platform: 'web',
      containerDimensions: { width: box.current?.clientWidth ?? 0, maxHeight: MAX_APP_HEIGHT },
    })
    const { data } = latest.current.part
    const out = isRecord(data.output) ? data.output : {}
    const host = createAppHost({
      post: (message) => win.postMessage(message, '*'),
      context,
      hostVersion: FRAME_VERSION,
      toolInput: isRecord(data.input) ? data.input : {},
      toolResult: {
        content: Array.isArray(out.content) ? out.content : [],
        ...(out.structuredContent !== undefined ? { structuredContent: out.structuredContent } : {}),
      },
      callTool,
      sendMessage: (text) => latest.current.conversation.appMessage(text),
      openLink,
      resize: setHeight,
    })
    const unlisten = listenToSubFrame(win, host.receive)
    const themes = new MutationObserver(() => host.contextChanged({ theme: scheme() }))
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-color-scheme'] })
    return () => {
      host.teardown()
      themes.disconnect()
      unlisten()
    }
  }, [])

  const app = mcpAppOf(part.data.output)
  if (!app) return null
  const name = typeof part.data.title === 'string' && part.data.title ? part.data.title : String(part.data.type ?? 'tool')
  return (
    <div ref={box} class="ck-mcp-app" data-app-uri={app.uri}>
      <SandboxFrame html={app.html} title={t('mcpApp.title', { name })} class="ck-mcp-app-frame" height={height} bind={bind} />
      {ask && (
        // biome-ignore lint/a11y/useSemanticElements: a labelled group of two buttons, not a form fieldset
        <div class="ck-mcp-app-ask" role="group" aria-label={t('mcpApp.title', { name })}>
          <p role="status">{t('mcpApp.approve', { name: ask.name })}</p>
          <button type="button" onClick={() => ask.answer(true)}>
            {t('mcpApp.allow')}
          </button>
          <button type="button" onClick={() => ask.answer(false)}>
            {t('mcpApp.deny')}
          </button>
        </div>
      )}
    </div>
  )
}
