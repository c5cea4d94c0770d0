import { Component } from 'preact'
import { Markdown } from '../markdown/Markdown.js'
import { safeImageSrc } from '../markdown/urls.js'
import type { Message, Part } from '../thread/types.js'
import { ToolStep } from './ToolStep.js'

/**
 * One message. The reducer keeps untouched messages identical, so only the streaming message
 * re-renders while an answer arrives.
 */
export class MessageView extends Component<{ message: Message }> {
  override shouldComponentUpdate(next: { message: Message }) {
    return next.message !== this.props.message
  }

  override render() {
    const { message } = this.props
    const streaming = message.status === 'streaming'
    return (
      <article
        class={`ck-message ck-message-${message.role}`}
        data-message-role={message.role}
        data-status={message.status}
        aria-busy={streaming ? 'true' : undefined}
      >
        {message.parts.map((part, i) => (
          <PartView key={i} part={part} role={message.role} streaming={streaming && i === message.parts.length - 1} />
        ))}
        {message.status === 'cancelled' && <p class="ck-note">Stopped</p>}
      </article>
    )
  }
}

function PartView({ part, role, streaming }: { part: Part; role: Message['role']; streaming: boolean }) {
  switch (part.type) {
    case 'text':
      // What the user typed is shown as typed; only the agent's answers are markdown.
      return role === 'user' ? <p class="ck-user-text">{part.text}</p> : <Markdown text={part.text} />
    case 'reasoning':
      return (
        <details class="ck-reasoning" open={streaming}>
          <summary>{streaming ? 'Thinking…' : 'Thought process'}</summary>
          <Markdown text={part.text} />
        </details>
      )
    case 'component':
      return <ToolStep id={part.id} data={part.data} />
    case 'image': {
      const src = safeImageSrc(part.url)
      return src ? <img class="ck-image" src={src} alt="" loading="lazy" referrerpolicy="no-referrer" /> : null
    }
    case 'error':
      return (
        <p class="ck-error" role="alert">
          {part.message}
        </p>
      )
  }
}
