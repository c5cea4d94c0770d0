import express from 'express'
import { createChatKitHandler, createDemoAgent, SqliteRunEventLog, SqliteStore, toNodeListener } from '@xpert-ai/chatkit-server'
import { shout } from './agent.js'

export function createApp({ apiKey, dataDir, allowedOrigins }: { apiKey: string; dataDir: string; allowedOrigins?: string }) {
  const store = new SqliteStore({ dataDir })
  const eventLog = new SqliteRunEventLog(store.db)
  const chatkit = createChatKitHandler({
    store,
    eventLog,
    agents: [shout, createDemoAgent()],
    apiKeys: [apiKey],
    // The origins whose pages may call the API from a browser: your ChatKit frame's origin.
    ...(allowedOrigins ? { allowedOrigins } : {}),
  })

  const app = express()
  // ChatKit reads its own request bodies: mount it before any body parser, under its full path
  // (`app.all`, not `app.use`, which would strip `/api/ai` from the URL the handler routes on).
  app.all(['/api/ai', '/api/ai/{*path}'], toNodeListener(chatkit))

  // The app's own routes, untouched.
  app.use(express.json())
  app.get('/api/health', (_req, res) => void res.json({ ok: true }))
  app.post('/api/todos', (req, res) => void res.status(201).json({ todo: String(req.body?.title ?? '') }))

  return { app, chatkit, store, eventLog }
}
