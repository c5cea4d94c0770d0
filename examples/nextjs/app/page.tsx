import { Chat } from './chat'

// A server component: reads where things are at request time and hands plain strings to the client.
export const dynamic = 'force-dynamic'

export default function Home() {
  const frameOrigin = process.env.CHATKIT_FRAME_ORIGIN ?? 'http://127.0.0.1:8787'
  const appUrl = process.env.APP_URL ?? 'http://127.0.0.1:3000'
  return (
    <main>
      <h1>My Next.js app</h1>
      <Chat frameUrl={`${frameOrigin}/chatkit/`} apiUrl={`${appUrl}/api/ai`} />
    </main>
  )
}
