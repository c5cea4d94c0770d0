import type { HITLDecision, ResumeValue } from '@xpert-ai/chatkit-protocol'
import { badRequest } from '../http/errors.js'
import { expectRecord, expectString, isRecord, limitJsonSize } from '../http/validate.js'

const MAX = 64 * 1024

/** Validates `input.command.resume`: `{decisions:[…]}` (HITL / confirmation) or `{toolMessages:[…]}` (client tools). */
export function parseResume(v: unknown): ResumeValue {
  const r = expectRecord(v, 'input.command.resume')
  limitJsonSize(r, 'input.command.resume', MAX)
  if (Array.isArray(r.decisions)) return { decisions: r.decisions.map(decision) }
  if (Array.isArray(r.toolMessages)) {
    return {
      toolMessages: r.toolMessages.map((m, i) => {
        const f = `input.command.resume.toolMessages[${i}]`
        const t = expectRecord(m, f)
        if (t.status !== undefined && t.status !== 'success' && t.status !== 'error') throw badRequest(`${f}.status: expected "success" or "error"`)
        return {
          tool_call_id: expectString(t.tool_call_id, `${f}.tool_call_id`),
          name: typeof t.name === 'string' ? t.name : '',
          content: t.content ?? null,
          status: (t.status as 'success' | 'error' | undefined) ?? 'success',
          ...(t.artifact !== undefined ? { artifact: t.artifact } : {}),
        }
      }),
    }
  }
  throw badRequest('input.command.resume: expected {decisions: [...]} or {toolMessages: [...]}')
}

function decision(d: unknown, i: number): HITLDecision {
  const f = `input.command.resume.decisions[${i}]`
  const r = expectRecord(d, f)
  switch (r.type) {
    case 'approve':
      return { type: 'approve' }
    case 'reject':
      return { type: 'reject', ...(typeof r.message === 'string' ? { message: r.message } : {}) }
    case 'respond':
      return { type: 'respond', message: expectString(r.message, `${f}.message`, 10_000) }
    case 'edit': {
      const a = expectRecord(r.editedAction, `${f}.editedAction`)
      if (!isRecord(a.args)) throw badRequest(`${f}.editedAction.args: expected an object`)
      return { type: 'edit', editedAction: { name: expectString(a.name, `${f}.editedAction.name`), args: a.args } }
    }
    default:
      throw badRequest(`${f}.type: expected "approve", "edit", "reject" or "respond"`)
  }
}
