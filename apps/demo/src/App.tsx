import { useCallback, useState } from 'react'
import { MyChat } from './MyChat.js'
import type { DemoConfig } from './config.js'

type LogEntry = { id: number; event: string; text?: string; at: string }

export function App({ config }: { config: DemoConfig }) {
  const [log, setLog] = useState<LogEntry[]>([])
  const onEvent = useCallback((event: string, text?: string) => {
    setLog((l) => [...l, { id: l.length, event, text, at: new Date().toLocaleTimeString() }])
  }, [])

  return (
    <main className="page">
      <header>
        <h1>ChatKit demo</h1>
        <p>
          This page is a <strong>host site</strong> on its own origin. The chat is a sandboxed, cross-origin ChatKit frame served from{' '}
          <code>{new URL(config.frameUrl).origin}</code>, embedded with <code>@xpert-ai/chatkit-react</code>. This site's <code>/api/create-session</code> keeps
          the API key on the server and hands the frame a short-lived client secret. Also see the <a href="/vanilla.html">vanilla HTML version</a>.
        </p>
      </header>
      <div className="layout">
        <MyChat config={config} onEvent={onEvent} />
        <aside className="log-panel" aria-label="Events">
          <h2>Events</h2>
          <ol id="event-log">
            {log.map((e) => (
              <li key={e.id} data-event={e.event}>
                <time>{e.at}</time> <code>{e.event}</code>
                {e.text ? <span> {e.text}</span> : null}
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </main>
  )
}
