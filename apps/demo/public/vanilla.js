// The vanilla embed: import the SDK (it registers <xpertai-chatkit>), then give the element its options.
import '/sdk/chatkit.js'

const THREAD_KEY = 'chatkit-demo:vanilla-thread'
const chat = document.getElementById('chat')
const log = document.getElementById('event-log')

function logEvent(event, text) {
  const li = document.createElement('li')
  li.dataset.event = event
  li.textContent = `${new Date().toLocaleTimeString()} ${event}${text ? ' ' + text : ''}`
  log.append(li)
}

chat.addEventListener('chatkit.ready', () => logEvent('chatkit.ready'))
chat.addEventListener('chatkit.error', (e) => logEvent('chatkit.error', e.detail.error.message))
chat.addEventListener('chatkit.response.start', () => logEvent('chatkit.response.start'))
chat.addEventListener('chatkit.response.end', () => logEvent('chatkit.response.end'))
chat.addEventListener('chatkit.thread.change', (e) => {
  const { threadId } = e.detail
  if (threadId) localStorage.setItem(THREAD_KEY, threadId)
  else localStorage.removeItem(THREAD_KEY)
  logEvent('chatkit.thread.change', threadId ?? 'new thread')
})
document.getElementById('new-chat').addEventListener('click', () => chat.setThreadId(null))

const res = await fetch('/config.json', { cache: 'no-store' })
const config = await res.json()

chat.setOptions({
  frameUrl: config.frameUrl,
  api: {
    apiUrl: config.apiUrl,
    xpertId: config.xpertId,
    async getClientSecret() {
      const r = await fetch('/api/create-session', { method: 'POST', headers: { 'Content-Type': 'application/json' } })
      if (!r.ok) throw new Error(`create-session failed (HTTP ${r.status})`)
      return (await r.json()).client_secret
    },
  },
  initialThread: localStorage.getItem(THREAD_KEY),
  startScreen: { greeting: 'Ask the demo agent anything.' },
})
