// The server package in a Node-only consumer (no DOM lib): compiled by tsconfig.node.json.
import { PROTOCOL_VERSION } from '@xpert-ai/chatkit-protocol'
import { createChatKitHandler, createDemoAgent, defineAgent, errorResponse, SqliteStore, toNodeListener } from '@xpert-ai/chatkit-server'
import { createServer } from 'node:http'
import { PostgresStore } from '@xpert-ai/chatkit-server-postgres'
import { connectRedisEventLog } from '@xpert-ai/chatkit-server-redis'

export const echo = defineAgent({
  id: 'echo',
  name: 'Echo',
  async *run(ctx) {
    yield { type: 'text', text: `${PROTOCOL_VERSION}: ${ctx.input.text}` }
  },
})

export function server() {
  const handler = createChatKitHandler({
    store: new SqliteStore({ dataDir: './data' }),
    agents: [createDemoAgent(), echo],
    apiKeys: ['a-key-of-16-chars-or-more'],
  })
  return (req: Request): Promise<Response> => handler(req)
}

export const listen = () => createServer(toNodeListener(server())).listen(0, '127.0.0.1')
export const answers = [errorResponse(404, 'not_found', 'no such thing')]

/** The PostgreSQL store and Redis log packages in the same Node-only consumer. */
export async function scaled(databaseUrl: string, redisUrl: string) {
  const store = await PostgresStore.connect({ url: databaseUrl })
  const redis = await connectRedisEventLog(redisUrl)
  return createChatKitHandler({ store, eventLog: redis.log, agents: [echo], apiKeys: ['a-key-of-16-chars-or-more'] })
}
