// @ts-check
import { createChatKit } from './chatkit.js'

// Where your ChatKit server runs (frame at /chatkit/, API at /api/ai); server.mjs serves it as
// /config.json, so this file needs no build step.
const { chatkitUrl } = await (await fetch('/config.json')).json()

const element = /** @type {import('./chatkit.js').ChatKitElement} */ (document.getElementById('chat'))
const chat = createChatKit({
  element,
  frameUrl: `${chatkitUrl}/chatkit/`,
  api: {
    apiUrl: `${chatkitUrl}/api/ai`,
    xpertId: 'demo',
    getClientSecret: async () => (await (await fetch('/api/create-session', { method: 'POST' })).json()).client_secret,
  },
})
chat.element.addEventListener('chatkit.response.end', () => console.log('done'))
