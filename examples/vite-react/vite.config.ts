import { defineConfig, type Connect, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

// Your ChatKit server (API + frame) and the API key that mints client secrets. The key stays here,
// on the server side: the browser only ever gets a short-lived client secret.
const CHATKIT_URL = process.env.CHATKIT_URL ?? 'http://127.0.0.1:8787'
const CHATKIT_API_KEY = process.env.CHATKIT_API_KEY ?? ''

/** `POST /api/create-session`: the backend half of the README snippet, as Vite middleware. */
const createSession: Connect.NextHandleFunction = async (req, res, next) => {
  if (req.url !== '/api/create-session' || req.method !== 'POST') return next()
  const upstream = await fetch(`${CHATKIT_URL}/api/ai/v1/chatkit/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${CHATKIT_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ assistant: { id: 'demo' }, user: 'vite-user' }),
  })
  res.statusCode = upstream.status
  res.setHeader('Content-Type', 'application/json')
  res.end(await upstream.text())
}

const sessions: Plugin = {
  name: 'chatkit-sessions',
  configureServer: (server) => void server.middlewares.use(createSession),
  configurePreviewServer: (server) => void server.middlewares.use(createSession),
}

export default defineConfig({ plugins: [react(), sessions] })
