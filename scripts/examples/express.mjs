// examples/express: ChatKit mounted under /api/ai next to the app's own routes, with a custom agent.
import { runServerExample } from './server-mount.mjs'

export const run = (dir) => runServerExample(dir, { agent: 'shout', message: 'hello from langgraph', answer: 'YOU SAID: HELLO FROM LANGGRAPH' })
