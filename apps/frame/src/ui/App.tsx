import { frameStatus } from '../app/status.js'
import { Composer } from '../composer/Composer.js'
import { issues, options } from '../options/store.js'
import type { ThreadController } from '../thread/controller.js'
import { MessageList } from './MessageList.js'

export type AppProps = {
  controller: ThreadController
  /** Sends from the composer; returns false when the text was not accepted. */
  onSend(text: string): boolean
}

const DEFAULT_GREETING = 'What can I help with today?'

export function App({ controller, onSend }: AppProps) {
  const status = frameStatus.value
  if (status.kind === 'fatal') {
    return (
      <div class="ck-fatal" role="alert">
        <h1>{status.title}</h1>
        <p>{status.message}</p>
      </div>
    )
  }
  const opts = options.value
  if (!opts) {
    return (
      <div class="ck-boot" role="status">
        Loading…
      </div>
    )
  }
  const thread = controller.state.value
  const greeting = (typeof opts.startScreen?.greeting === 'string' && opts.startScreen.greeting) || DEFAULT_GREETING
  const placeholder = (typeof opts.composer?.placeholder === 'string' && opts.composer.placeholder) || 'Message the assistant'
  const problems = issues.value
  return (
    <div class="ck-app">
      {problems.length > 0 && (
        <div class="ck-banner ck-banner-error" role="alert">
          <strong>Invalid ChatKit options</strong>
          <ul>
            {problems.map((p) => (
              <li key={p.path}>
                <code>{p.path}</code>: {p.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <MessageList thread={thread} greeting={greeting} />
      {thread.notice && (
        <p class="ck-banner ck-banner-error" role="alert">
          {thread.notice.message}
        </p>
      )}
      <Composer
        placeholder={placeholder}
        running={thread.phase === 'running'}
        disabled={thread.phase === 'loading'}
        onSend={onSend}
        onStop={() => void controller.stop()}
      />
    </div>
  )
}
