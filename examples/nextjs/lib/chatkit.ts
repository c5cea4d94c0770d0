import 'server-only'
import { createChatKitHandler, createDemoAgent, SqliteRunEventLog, SqliteStore, type ChatKitHandler } from '@xpert-ai/chatkit-server'

/** The ChatKit API key: only route handlers read it; it never reaches the browser bundle. */
export const CHATKIT_API_KEY = process.env.CHATKIT_API_KEY ?? ''

function create(): ChatKitHandler {
  if (CHATKIT_API_KEY.length < 16) throw new Error('set CHATKIT_API_KEY (16+ characters): the key this app mints client secrets with')
  const store = new SqliteStore({ dataDir: process.env.CHATKIT_DATA_DIR ?? './data' })
  return createChatKitHandler({
    store,
    eventLog: new SqliteRunEventLog(store.db),
    agents: [createDemoAgent()],
    apiKeys: [CHATKIT_API_KEY],
    // The frame calls this API from its own origin (where the ChatKit frame is served): allow it (CORS).
    allowedOrigins: process.env.CHATKIT_FRAME_ORIGIN ?? 'http://127.0.0.1:8787',
  })
}

// One handler per server process (kept on globalThis so `next dev` reloads do not open the database twice).
const g = globalThis as { chatkit?: ChatKitHandler }
export const chatkit = (): ChatKitHandler => (g.chatkit ??= create())
