// The React test host for the e2e specs: useChatKit under StrictMode with an onX handler for every
// event, the recording callbacks of /test-host-common.js, and window hooks to call methods or unmount.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ChatKit, useChatKit } from '@xpert-ai/chatkit-react'
import type { UseChatKitOptions } from '@xpert-ai/chatkit-react'
import { EVENT_NAMES, handlerName } from '@xpert-ai/chatkit-js'

type Common = { testOptions(): Promise<UseChatKitOptions>; record(name: string, detail: unknown): void }
// Served as is from public/, shared with the vanilla pages (not bundled).
const common = (await import(/* @vite-ignore */ `${location.origin}/test-host-common.js`)) as Common

const handlers = Object.fromEntries(EVENT_NAMES.map((name) => [handlerName(name), (detail: unknown) => common.record(name, detail)]))

function TestChat({ options }: { options: UseChatKitOptions }) {
  const chat = useChatKit({ ...options, ...handlers })
  ;(window as unknown as { chat: unknown }).chat = chat
  return <ChatKit control={chat.control} style={{ display: 'block', width: 480, height: 640 }} />
}

const options = await common.testOptions()
const root = createRoot(document.getElementById('root')!)
root.render(
  <StrictMode>
    <TestChat options={options} />
  </StrictMode>,
)
;(window as unknown as { unmount(): void }).unmount = () => root.render(null)
