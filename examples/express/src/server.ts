import { gracefulShutdown } from '@xpert-ai/chatkit-server'
import { createApp } from './app.js'

const apiKey = process.env.CHATKIT_API_KEY
if (!apiKey) throw new Error('set CHATKIT_API_KEY (16+ characters): the key your backend mints client secrets with')
const port = Number(process.env.PORT ?? 3000)

const { app, chatkit, store, eventLog } = createApp({ apiKey, dataDir: process.env.DATA_DIR ?? './data', allowedOrigins: process.env.CHATKIT_ALLOWED_ORIGINS })
const server = app.listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${port} (ChatKit API at /api/ai)`))
process.on('SIGTERM', () => void gracefulShutdown({ servers: [server], handler: chatkit, store, eventLog }).then(() => process.exit(0)))
