// examples/hono: ChatKit's fetch handler mounted under /api/ai next to the app's own routes, with a custom agent.
import { runServerExample } from './server-mount.mjs'

export const run = (dir) => runServerExample(dir, { agent: 'counter', message: 'how many words is this', answer: 'You sent 5 words.' })
