/**
 * `on_interrupt` data → interrupt parts, and the kinds of request an interrupt can carry. An
 * interrupt from the wire is validated here once, so the UI and the controller can trust the shape.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'
import type { ClientToolRequest, HITLRequest, InterruptRequest, ToolCallRequest, ToolCallSpec } from '@xpert-ai/chatkit-protocol'
import type { Message, Part } from './types.js'

export type InterruptPart = Extract<Part, { type: 'interrupt' }>

export function isClientToolRequest(r: InterruptRequest): r is ClientToolRequest {
  return Array.isArray((r as ClientToolRequest).clientToolCalls)
}
export function isHITLRequest(r: InterruptRequest): r is HITLRequest {
  return Array.isArray((r as HITLRequest).actionRequests)
}
function isToolCallRequest(r: InterruptRequest): r is ToolCallRequest {
  return Array.isArray((r as ToolCallRequest).toolCalls)
}

function validCall(c: unknown): c is ToolCallSpec {
  return isRecord(c) && typeof c.id === 'string' && typeof c.name === 'string' && (c.args === undefined || isRecord(c.args))
}

/** Why `v` is not an interrupt request we can answer, or null when it is. */
function problem(v: unknown): string | null {
  if (!isRecord(v)) return 'an interrupt value must be an object'
  if (Array.isArray(v.clientToolCalls)) return v.clientToolCalls.every(validCall) ? null : 'clientToolCalls need {id, name, args}'
  if (Array.isArray(v.toolCalls)) return v.toolCalls.every(validCall) ? null : 'toolCalls need {id, name, args}'
  if (Array.isArray(v.actionRequests)) {
    if (!Array.isArray(v.reviewConfigs)) return 'actionRequests without reviewConfigs'
    const ok = v.actionRequests.every((a) => isRecord(a) && typeof a.name === 'string' && (a.args === undefined || isRecord(a.args)))
    return ok ? null : 'actionRequests need {name, args}'
  }
  return 'unknown interrupt kind (expected clientToolCalls, toolCalls or actionRequests)'
}

export function interruptParts(d: Record<string, unknown>): InterruptPart[] | string {
  if (!Array.isArray(d.tasks)) return 'on_interrupt without a tasks array'
  const parts: InterruptPart[] = []
  for (const task of d.tasks) {
    if (!isRecord(task) || !Array.isArray(task.interrupts)) return 'on_interrupt task without interrupts'
    for (const it of task.interrupts) {
      if (!isRecord(it) || typeof it.id !== 'string' || !it.id) return 'interrupt without an id'
      const why = problem(it.value)
      if (why) return why
      parts.push({ type: 'interrupt', id: it.id, request: normalize(it.value as InterruptRequest) })
    }
  }
  return parts.length ? parts : 'on_interrupt without any interrupt'
}

/** Calls without args get `{}`: the UI and the host always see an object. */
function normalize(r: InterruptRequest): InterruptRequest {
  const fix = (calls: ToolCallSpec[]) => calls.map((c) => ({ ...c, args: c.args ?? {} }))
  if (isClientToolRequest(r)) return { clientToolCalls: fix(r.clientToolCalls) }
  if (isToolCallRequest(r)) return { toolCalls: fix(r.toolCalls) }
  return { ...r, actionRequests: r.actionRequests.map((a) => ({ ...a, args: a.args ?? {} })) }
}

/** The interrupts of `m` still waiting for an answer. */
export function pendingInterrupts(m: Message | undefined): InterruptPart[] {
  return (m?.parts.filter((p) => p.type === 'interrupt' && !p.resolved) ?? []) as InterruptPart[]
}
