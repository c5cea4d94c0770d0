// Base styles first: feature styles imported by the components refine them.
import './ui/styles.css'
import { effect } from '@preact/signals'
import { render } from 'preact'
import { FRAME_LOADED, Timeouts, type FrameLoadedMessage } from '@xpert-ai/chatkit-protocol'
import { watchVisualViewport } from './a11y/index.js'
// The UI before the wiring: the components' styles keep their order after the base styles.
import { App } from './ui/index.js'
import { composeFrame, fail, frameStatus } from './app/index.js'
import { whenIdle } from './shared/index.js'
import { acceptsParent, connectToHost, readAllowedOrigins, watchHeight } from './bridge/index.js'
import { preloadMarkdown } from './markdown/index.js'
import { colorScheme } from './options/index.js'
import { ConversationContext } from './message/index.js'
import { syncTabs } from './thread/index.js'

// The composition root builds and joins every service; nothing below reaches past what it returns.
const frame = composeFrame()
watchVisualViewport(window)
// The markdown renderer is a chunk of its own: fetched once the frame is idle, so evaluating it
// never delays the handshake (the host page often shares this main thread); a first answer that
// comes sooner loads it on demand and shows plain text meanwhile.
whenIdle(() => void preloadMarkdown())
// Other frames showing the same thread (another tab) announce their runs: re-read it when idle.
syncTabs(frame.controller, frame.api)

effect(() => {
  document.documentElement.dataset.colorScheme = colorScheme.value
})

const allowed = readAllowedOrigins(document)
// Tells the host SDK at once that this document runs (and whether it accepts the parent): a page
// that frame-ancestors refused gets no such message and learns so without waiting for a timeout.
if (window.parent !== window) window.parent.postMessage({ type: FRAME_LOADED, accepted: acceptsParent(allowed) } satisfies FrameLoadedMessage, '*')
if (window.parent === window) {
  fail('ChatKit must be embedded', 'This page is the ChatKit frame. Embed it with <xpertai-chatkit> or <ChatKit> from a host page.')
} else if (!allowed.ok) {
  fail('This page may not be embedded here', `The ChatKit frame refuses to connect: ${allowed.reason}.`)
} else {
  // The content height, for hosts in `layout: 'auto-height'` (queued until the host connects).
  watchHeight(document, (height) => frame.host.emit('resize', { height }))
  // Keys never cross the iframe boundary: an Escape nothing in the frame used (menus, the history
  // panel call preventDefault) is reported, so a host launcher can close its panel.
  document.addEventListener('keydown', (e) => e.key === 'Escape' && !e.defaultPrevented && frame.host.emit('log', { name: 'escape' }))
  connectToHost(frame.methods, allowed.origins)
    .promise.then((remote) => {
      frame.host.attach(remote)
      if (frameStatus.value.kind === 'connecting') frameStatus.value = { kind: 'connected' }
    })
    .catch((e: Error) => {
      fail(
        'Could not connect to the host page',
        `No allowed host page completed the handshake within ${Timeouts.handshake / 1000} s (${e.message}). ` +
          'Check that the embedding page’s origin is in the server’s allowed origins.',
      )
    })
}

render(
  <ConversationContext.Provider value={frame.conversation}>
    <App controller={frame.controller} ui={frame.ui} />
  </ConversationContext.Provider>,
  document.getElementById('app')!,
)
