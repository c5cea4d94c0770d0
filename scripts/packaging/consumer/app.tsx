// A strict consumer of the packed packages (compiled with `skipLibCheck: false` by
// scripts/packaging/consumer.test.ts): every public entry point, used the way the README shows.
import { StrictMode, type ReactElement } from 'react'
import { ChatKit, useChatKit, type ChatKitProps, type UseChatKitOptions, type UseChatKitReturn } from '@xpert-ai/chatkit-react'
import { createChatKit, type ChatKitElement, type ChatKitOptions } from '@xpert-ai/chatkit-js'
import { createChatKitLauncher } from '@xpert-ai/chatkit-js/launcher'
import { PROTOCOL_VERSION, API_BASE_PATH, type StreamEnvelope } from '@xpert-ai/chatkit-protocol'

const options: UseChatKitOptions = {
  frameUrl: 'http://127.0.0.1:8787/chatkit/',
  api: { apiUrl: `http://127.0.0.1:8787${API_BASE_PATH}`, xpertId: 'demo', getClientSecret: async () => 'cs-x-1' },
  onResponseEnd: () => console.log('answer finished'),
}

export function MyChat(): ReactElement {
  const chat: UseChatKitReturn = useChatKit(options)
  const props: ChatKitProps = { control: chat.control, style: { height: 600 } }
  return (
    <StrictMode>
      <ChatKit {...props} className="chat" />
    </StrictMode>
  )
}

export function vanilla(element: ChatKitElement, o: ChatKitOptions) {
  const chat = createChatKit({ ...o, element })
  chat.element.addEventListener('chatkit.response.end', () => console.log('done'))
  return [chat, createChatKitLauncher] as const
}

export const envelope: StreamEnvelope = { type: 'complete' }
export const protocolVersion = PROTOCOL_VERSION
