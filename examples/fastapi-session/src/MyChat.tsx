import { ChatKit, useChatKit } from '@xpert-ai/chatkit-react'

/** The React side of the XpertAI docs' session flow: `getClientSecret` posts `{ xpertId }` with cookies. */
export function MyChat({ apiUrl, frameUrl, xpertId }: { apiUrl: string; frameUrl: string; xpertId: string }) {
  const { control } = useChatKit({
    frameUrl,
    api: {
      apiUrl,
      xpertId,
      async getClientSecret() {
        const res = await fetch('/api/create-session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'include',
          body: JSON.stringify({ xpertId }),
        })
        const { client_secret } = (await res.json()) as { client_secret: string }
        return client_secret
      },
    },
  })
  return <ChatKit control={control} style={{ height: 600, width: 400 }} />
}
