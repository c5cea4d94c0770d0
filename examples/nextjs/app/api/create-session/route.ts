import { chatkit, CHATKIT_API_KEY } from '../../../lib/chatkit'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/**
 * `POST /api/create-session`: mints a short-lived client secret for the signed-in user with the API
 * key, which stays on the server. The API runs in this app, so the call goes to the handler
 * directly; with a separate ChatKit server it would be a `fetch` to its `/api/ai/v1/chatkit/sessions`.
 */
export async function POST(req: Request): Promise<Response> {
  const user = 'next-user' // your session's user id
  return chatkit()(
    new Request(new URL('/api/ai/v1/chatkit/sessions', req.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${CHATKIT_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ assistant: { id: 'demo' }, user }),
    }),
  )
}
