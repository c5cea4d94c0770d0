import { chatkit } from '../../../../lib/chatkit'

// The whole ChatKit API (sessions, threads, streamed runs, history, files) under /api/ai: the
// handler is a WHATWG fetch handler, which is what a Next route handler is.
export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

const handle = (req: Request): Promise<Response> => chatkit()(req)
export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS }
