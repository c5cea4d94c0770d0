import { Hono } from 'hono'
import { createChatKitHandler, createDemoAgent, SqliteRunEventLog, SqliteStore } from '@xpert-ai/chatkit-server'
import { counter } from './agent.js'

export function createApp({ apiKey, dataDir, allowedOrigins }: { apiKey: string; dataDir: string; allowedOrigins?: string }) {
  const store = new SqliteStore({ dataDir })
  const eventLog = new SqliteRunEventLog(store.db)
  const chatkit = createChatKitHandler({
    store,
    eventLog,
    agents: [counter, createDemoAgent()],
    apiKeys: [apiKey],
    // The origins whose pages may call the API from a browser: your ChatKit frame's origin.
    ...(allowedOrigins ? { allowedOrigins } : {}),
  })

  const app = new Hono()
  // The handler is a WHATWG fetch handler: give it Hono's raw Request, return its Response as is
  // (streamed answers stay streamed). It routes on the full path, /api/ai included.
  app.all('/api/ai/*', (c) => chatkit(c.req.raw))

  // The app's own routes, untouched.
  app.get('/api/health', (c) => c.json({ ok: true }))
  app.post('/api/todos', async (c) => c.json({ todo: String((await c.req.json<{ title?: unknown }>()).title ?? '') }, 201))

  return { app, chatkit, store, eventLog }
}
