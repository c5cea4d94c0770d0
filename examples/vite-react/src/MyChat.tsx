import { ChatKit, useChatKit } from '@xpert-ai/chatkit-react'

// The README's React snippet; the server address comes from VITE_CHATKIT_URL at build time.
const CHATKIT_URL = import.meta.env.VITE_CHATKIT_URL ?? 'http://127.0.0.1:8787'

export function MyChat() {
  const { control } = useChatKit({
    frameUrl: `${CHATKIT_URL}/chatkit/`,
    api: {
      apiUrl: `${CHATKIT_URL}/api/ai`,
      xpertId: 'demo',
      async getClientSecret(_existing) {
        const res = await fetch('/api/create-session', { method: 'POST' })
        const { client_secret } = await res.json()
        return client_secret
      },
    },
    onResponseEnd: () => console.log('answer finished'),
  })
  return <ChatKit control={control} style={{ height: 600, width: 400 }} />
}
