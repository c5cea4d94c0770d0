// @vitest-environment happy-dom
import { signal } from '@preact/signals'
import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/index.js'
import { apiSettings, applyOptions, options } from '../options/store.js'
import { validateOptions } from '../options/validate.js'
import { emptyThread, type Message, type ThreadState } from '../thread/index.js'
import { focusMessage, type FocusDeps } from './focus-message.js'

const msg = (id: string): Message => ({ id, role: 'user', status: 'done', parts: [{ type: 'text', text: id }] })

/** A thread of `total` stored messages m0…m(n-1) opened on its newest `page`; older pages load `page` at a time. */
function setup(stored: Record<string, number>, page = 3, failOlder = false) {
  const state = signal<ThreadState>(emptyThread)
  const loads: string[] = []
  const render = () => {
    document.body.innerHTML = state.value.messages.map((m) => `<article class="ck-message" data-message-id="${m.id}">${m.id}</article>`).join('')
  }
  const controller: FocusDeps['controller'] = {
    state,
    async load(id) {
      loads.push(id as string)
      const total = stored[id as string]
      if (total === undefined) return new ApiError('api_error', 'not found (404)', 404)
      const from = Math.max(0, total - page)
      state.value = { ...emptyThread, threadId: id, olderCount: from, messages: Array.from({ length: total - from }, (_, i) => msg(`${id}-m${from + i}`)) }
      render()
      return undefined
    },
    async loadOlder() {
      if (failOlder) return false
      const s = state.value
      const from = Math.max(0, s.olderCount - page)
      const older = Array.from({ length: s.olderCount - from }, (_, i) => msg(`${s.threadId}-m${from + i}`))
      state.value = { ...s, olderCount: from, messages: [...older, ...s.messages] }
      render()
      return true
    },
  }
  const problem = signal<{ code: string; message: string } | null>(null)
  const deps: FocusDeps = { controller, session: { problem }, doc: document, options, apiSettings, renderTimeoutMs: 200 }
  return { deps, state, loads, problem }
}

const configure = (extra: Record<string, unknown> = {}) =>
  applyOptions(validateOptions({ options: { api: { apiUrl: 'https://api.test/api/ai' }, ...extra }, callbacks: ['api.getClientSecret'] }))

describe('focusMessage', () => {
  beforeEach(() => configure())

  it('opens another thread, loads older pages until the message is there, then focuses and marks it', async () => {
    const { deps, loads, state } = setup({ a: 2, b: 10 })
    await deps.controller.load('a')
    await expect(focusMessage(deps, { threadId: 'b', messageId: 'b-m1' })).resolves.toEqual({ success: true, status: 'opened' })
    expect(loads).toEqual(['a', 'b'])
    // Pages load only until the message is there: 7–9, then 4–6, then 1–3.
    expect(state.value.olderCount).toBe(1)
    const el = document.querySelector('[data-message-id="b-m1"]')!
    expect(document.activeElement).toBe(el)
    expect(el.classList.contains('ck-target')).toBe(true)
  })

  it("accepts XpertAI's {conversationId, threadId, messageId}", async () => {
    const { deps } = setup({ a: 2 })
    await expect(focusMessage(deps, { conversationId: 'a', threadId: 'a', messageId: 'a-m0' })).resolves.toEqual({ success: true, status: 'opened' })
    await expect(focusMessage(deps, { conversationId: 'a', messageId: 'a-m1' })).resolves.toEqual({ success: true, status: 'opened' })
    await expect(focusMessage(deps, { conversationId: 'a', threadId: 'b', messageId: 'a-m0' })).rejects.toMatchObject({ code: 'stale_context' })
  })

  it('refuses bad input clearly', async () => {
    const { deps } = setup({ a: 2 })
    for (const bad of [null, 'a', {}, { threadId: 'a' }, { threadId: '', messageId: 'x' }, { threadId: 'a', messageId: 3 }]) {
      await expect(focusMessage(deps, bad)).rejects.toMatchObject({ code: 'invalid_options' })
    }
  })

  it('rejects with thread_unavailable, message_unavailable and message_load_failed', async () => {
    const { deps } = setup({ a: 5 })
    await expect(focusMessage(deps, { threadId: 'gone', messageId: 'x' })).rejects.toMatchObject({ code: 'thread_unavailable' })
    await expect(focusMessage(deps, { threadId: 'a', messageId: 'nope' })).rejects.toMatchObject({ code: 'message_unavailable' })
    const failing = setup({ a: 5 }, 3, true)
    await expect(focusMessage(failing.deps, { threadId: 'a', messageId: 'a-m0' })).rejects.toMatchObject({ code: 'message_load_failed' })
  })

  it('a newer call makes the older one stale_context', async () => {
    const { deps } = setup({ a: 9, b: 3 })
    const first = focusMessage(deps, { threadId: 'a', messageId: 'a-m0' })
    const second = focusMessage(deps, { threadId: 'b', messageId: 'b-m2' })
    await expect(first).rejects.toMatchObject({ code: 'stale_context' })
    await expect(second).resolves.toEqual({ success: true, status: 'opened' })
  })

  it('not_ready while the session fails; not_supported when messageNavigation is off', async () => {
    const { deps, problem } = setup({ a: 2 })
    problem.value = { code: 'client_secret', message: 'getClientSecret threw' }
    await expect(focusMessage(deps, { threadId: 'a', messageId: 'a-m0' })).rejects.toMatchObject({
      code: 'not_ready',
      message: expect.stringContaining('getClientSecret threw'),
    })
    problem.value = null
    for (const messageNavigation of [false, { enabled: false }]) {
      configure({ messageNavigation })
      await expect(focusMessage(deps, { threadId: 'a', messageId: 'a-m0' })).rejects.toMatchObject({ code: 'not_supported' })
    }
    configure({ messageNavigation: { enabled: true } })
    await expect(focusMessage(deps, { threadId: 'a', messageId: 'a-m0' })).resolves.toEqual({ success: true, status: 'opened' })
  })
})
