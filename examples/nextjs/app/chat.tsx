'use client'

import { ChatKit, useChatKit } from '@xpert-ai/chatkit-react'

/** `<ChatKit>` lives in a client component; the server renders an empty `<xpertai-chatkit>`. */
export function Chat({ frameUrl, apiUrl }: { frameUrl: string; apiUrl: string }) {
  const { control } = useChatKit({
    frameUrl,
    api: {
      apiUrl,
      xpertId: 'demo',
      async getClientSecret() {
        const res = await fetch('/api/create-session', { method: 'POST' })
        const { client_secret } = (await res.json()) as { client_secret: string }
        return client_secret
      },
    },
    onResponseEnd: () => console.log('answer finished'),
  })
  return <ChatKit control={control} style={{ height: 600, width: 400 }} />
}
