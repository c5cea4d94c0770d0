import type { ClientToolMessage, HITLDecision } from '@xpert-ai/chatkit-protocol'
import type { AgentContext, AgentEvent } from '../types.js'

/** What the demo agent says after an interrupt is answered; the text appends to the interrupted answer. */
export async function* demoResume(ctx: AgentContext): AsyncGenerator<AgentEvent> {
  const { value, interrupt } = ctx.resume!
  if ('toolMessages' in value) {
    for (const m of value.toolMessages)
      yield { type: 'text', text: `\n\nThe host page ran \`${m.name || 'a tool'}\` (${m.status}) and returned:\n\n\`\`\`\n${quote(m)}\n\`\`\`\n` }
    return
  }
  const d: HITLDecision | undefined = value.decisions[0]
  if (interrupt && 'toolCalls' in interrupt) {
    const call = interrupt.toolCalls[0]
    if (d?.type === 'approve' || d?.type === 'edit') {
      const args = d.type === 'edit' ? d.editedAction.args : call.args
      yield { type: 'tool_start', id: call.id, name: call.name, title: 'Delete a file', input: args }
      await ctx.sleep(20)
      yield { type: 'tool_end', id: call.id, output: { deleted: args.path ?? null } }
      yield { type: 'text', text: `\n\nConfirmed: \`${call.name}\` ran with ${JSON.stringify(args)}.` }
    } else yield { type: 'text', text: `\n\nRejected: \`${call.name}\` did not run.${d && 'message' in d && d.message ? ` You said: ${d.message}` : ''}` }
    return
  }
  switch (d?.type) {
    case 'approve':
      yield { type: 'text', text: '\n\nDecision: approve. The email to team@example.com was sent.' }
      return
    case 'edit':
      yield {
        type: 'text',
        text: `\n\nDecision: edit. Sent \`${d.editedAction.name}\` with the edited arguments:\n\n\`\`\`json\n${JSON.stringify(d.editedAction.args)}\n\`\`\`\n`,
      }
      return
    case 'reject':
      yield { type: 'text', text: `\n\nDecision: reject. The email was not sent.${d.message ? ` Reason: ${d.message}` : ''}` }
      return
    case 'respond':
      yield { type: 'text', text: `\n\nDecision: respond. Your reply: ${d.message}` }
      return
    default:
      yield { type: 'text', text: '\n\nNo decision was given; nothing was done.' }
  }
}

function quote(m: ClientToolMessage): string {
  return typeof m.content === 'string' ? m.content : JSON.stringify(m.content)
}
