import { Component } from 'preact'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { AgentImage } from '../markdown/MarkdownView.js'
import { ConversationContext, SourcesContext, type ConversationActions } from './context.js'
import { SourcesList, Suggestions } from './answer-extras.js'
import { groupParts, isArtifact, isWidget, type ImagePart } from './groups.js'
import { decideImage } from '../markdown/urls.js'
import { options } from '../options/index.js'
import { afterFirstContent, lazyComponent } from '../shared/index.js'
import { AnswerText } from './AnswerText.js'
import { BranchSwitcher } from './BranchSwitcher.js'
import { MessageActions } from './MessageActions.js'
import { Question } from './Question.js'
import { ReasoningPanel } from './ReasoningPanel.js'
import './message.css'
import { INTERRUPTED, type Message, type Part } from '../thread/index.js'

// Widgets, interrupt panels, tool steps and a question's files and mentions load with their first use: most answers have none,
// and none is needed before the first send.
const ToolSteps = lazyComponent(() => import('./ToolSteps.js').then((m) => m.ToolSteps))
const WidgetItem = lazyComponent(() => import('../widgets/index.js').then((m) => m.WidgetItem))
const ArtifactCard = lazyComponent(() => import('../artifacts/ArtifactCard.js').then((m) => m.ArtifactCard))
const Gallery = lazyComponent(() => import('../gallery/Gallery.js').then((m) => m.Gallery))
const OwnExtras = lazyComponent(afterFirstContent(() => import('../ui/extras.js').then((m) => m.OwnExtras)))
const InterruptPanel = lazyComponent(() => import('./InterruptPanel.js').then((m) => m.InterruptPanel))
const MessageTime = lazyComponent(() => import('./MessageTime.js').then((m) => m.MessageTime))
const ProcessView = lazyComponent(
  () => import('./Process.js').then((m) => m.ProcessView),
  (p) => <>{p.nodes}</>,
)

const NONE: readonly unknown[] = []

export type MessageViewProps = {
  message: Message
  /** Agent names by key (multi-agent runs). */
  agents?: Record<string, string>
  /** The newest message (retry and interrupt answers apply only to it). */
  isLast?: boolean
  /** Nothing runs: interrupts can be answered, actions shown. */
  idle?: boolean
}

/**
 * One message. The reducer keeps untouched messages identical, so only the streaming message
 * re-renders while an answer arrives.
 */
export class MessageView extends Component<MessageViewProps, { timed?: boolean }> {
  override shouldComponentUpdate(next: MessageViewProps, state: { timed?: boolean }) {
    const p = this.props
    return next.message !== p.message || next.agents !== p.agents || next.isLast !== p.isLast || next.idle !== p.idle || state.timed !== this.state.timed
  }

  /** The time line loads with the first hover or focus (then CSS shows it only then). */
  timed = () => this.state.timed || this.setState({ timed: true })

  override render() {
    const { message, agents = {}, isLast = false, idle = true } = this.props
    const streaming = message.status === 'streaming'
    const assistant = message.role === 'assistant'
    let lastAgent = message.agentKey
    const about = (type: string) => (message.parts.find((p) => p.type === type) as { list?: readonly unknown[] } | undefined)?.list
    const sources = about('sources')
    const suggestions = about('suggestions')
    // When it was sent or answered: at the end of the message's toolbar (no line of its own, so showing it moves nothing).
    const time = this.state.timed && message.at !== undefined && !streaming ? <MessageTime message={message} /> : null
    const blocks = groupParts(message.parts)
    const nodes = blocks.map((b) => {
      if (b.kind === 'tools') return <ToolSteps key={`t${b.index}`} parts={b.parts} live={streaming} />
      if (b.kind === 'images')
        return (
          <div key={b.index} class="ck-part">
            <Images parts={b.parts} />
          </div>
        )
      const part = b.part
      const agent = 'agentKey' in part && part.agentKey && part.agentKey !== lastAgent ? part.agentKey : null
      if ('agentKey' in part && part.agentKey) lastAgent = part.agentKey
      return (
        <div key={b.index} class="ck-part">
          {agent && (
            <div class="ck-agent" data-agent-key={agent}>
              {agents[agent] ?? agent}
            </div>
          )}
          <PartView part={part} message={message} streaming={streaming && b.index === message.parts.length - 1} actionable={isLast && idle} />
        </div>
      )
    })
    // messagePresentation.collapseProcess: the answer's process folds into one disclosure above it.
    const content = assistant && options.value?.messagePresentation?.collapseProcess ? <ProcessView blocks={blocks} nodes={nodes} message={message} /> : nodes
    return (
      <SourcesContext.Provider value={sources ?? NONE}>
        <article
          class={`ck-message ck-message-${message.role}`}
          data-message-role={message.role}
          data-status={message.status}
          data-message-id={message.id}
          aria-busy={streaming ? 'true' : undefined}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: each message is a keyboard stop (as in the ARIA feed pattern), so its time shows on focus and focusMessage can move focus to it
          tabIndex={0}
          onMouseEnter={this.timed}
          onFocusIn={this.timed}
        >
          {assistant ? (
            content
          ) : (
            <Question message={message} idle={idle} time={time}>
              {content}
            </Question>
          )}
          {message.sent && <OwnExtras message={message} />}
          {sources && <SourcesList list={sources} />}
          {message.status === 'cancelled' && <p class="ck-note">{t('message.stopped')}</p>}
          {/* The time's line is kept from the start (empty until the first hover or focus loads it), so showing it never moves the thread. */}
          {assistant && !streaming && (isLast ? idle : true) && <MessageActions message={message} isLast={isLast} idle={idle} time={time} />}
          {assistant && !streaming && <BranchSwitcher message={message} idle={idle} />}
          {suggestions && isLast && idle && !streaming && <Suggestions list={suggestions} />}
        </article>
      </SourcesContext.Provider>
    )
  }
}

function PartView({ part, message, streaming, actionable }: { part: Part; message: Message; streaming: boolean; actionable: boolean }) {
  switch (part.type) {
    case 'text':
      // What the user typed is shown as typed; only the agent's answers are markdown.
      return message.role === 'user' ? (
        <p class="ck-user-text" dir="auto">
          {part.text}
        </p>
      ) : (
        <AnswerText text={part.text} streaming={streaming} />
      )
    case 'reasoning':
      return <ReasoningPanel part={part} streaming={message.status === 'streaming'} />
    case 'component':
      if (isArtifact(part)) return <ArtifactCard artifact={(part.data as { artifact?: unknown }).artifact} />
      return isWidget(part) ? <WidgetPart id={part.id} part={part} /> : null
    case 'interrupt':
      return <InterruptPanel part={part} messageId={message.id} actionable={actionable} />
    case 'image':
      return <AgentImage class="ck-image" url={part.url} />
    case 'error':
      return (
        <p class="ck-error" role="alert" data-code={part.code} data-streaming={streaming ? 'true' : undefined}>
          {part.code === INTERRUPTED ? t('message.interrupted') : part.message}
        </p>
      )
  }
}

/** Images the policy loads form a gallery; the others stay links (or notes) as `AgentImage` shows them. */
function Images({ parts }: { parts: ImagePart[] }) {
  const loaded = parts.flatMap((p) => {
    const d = decideImage(p.url)
    return 'load' in d ? [{ src: d.load, alt: p.alt ?? '' }] : []
  })
  return (
    <>
      {loaded.length > 0 && <Gallery images={loaded} />}
      {parts
        .filter((p) => !('load' in decideImage(p.url)))
        .map((p, i) => (
          <AgentImage key={i} class="ck-image" url={p.url} alt={p.alt} />
        ))}
    </>
  )
}

function WidgetPart({ id, part }: { id: string; part: Extract<Part, { type: 'component' }> }) {
  return (
    <ConversationContext.Consumer>
      {(actions: ConversationActions) => <WidgetItem id={id} data={part.data as never} onAction={actions.widgetAction} />}
    </ConversationContext.Consumer>
  )
}
