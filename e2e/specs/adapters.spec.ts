import { expect, test, type FrameLocator, type Page } from '@playwright/test'
import { ask, openHost, pageEvents, shownThreadId } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { mintSecret } from '../support/secrets.js'

/**
 * The framework adapters in a real browser: an AI SDK streamText agent and a LangGraph graph
 * (e2e/agents/ai-sdk.mjs, langgraph.mjs — the real adapters, with the frameworks' own test
 * models) loaded by the CLI with `--agent`. A tool step and an approval round trip on screen,
 * and a reload mid-answer: the run goes on server-side and the reloaded page rejoins it to the end.
 */
const adapters = [
  // needsApproval → a tool-call confirmation (Allow / Deny).
  {
    id: 'ai-sdk-e2e',
    weather: 'Lisbon',
    approve: async (frame: FrameLocator) => {
      const panel = frame.locator('.ck-confirm')
      await expect(panel).toContainText('delete_file')
      await panel.getByRole('button', { name: 'Allow' }).click()
    },
  },
  // interrupt() → the review panel (Approve / Edit / Reject / Respond).
  {
    id: 'langgraph-e2e',
    weather: 'Porto',
    approve: async (frame: FrameLocator) => {
      const panel = frame.locator('.ck-hitl')
      await expect(panel).toContainText('Delete /tmp/report.txt?')
      await expect(panel.locator('button')).toHaveText(['Approve', 'Edit', 'Reject', 'Respond'])
      await panel.getByRole('button', { name: 'Approve' }).click()
    },
  },
]

async function open(page: Page, xpertId: string, slot: number, extra: { user?: string; options?: Record<string, unknown> } = {}) {
  return (await openHost(page, { at: E2E.extraPort(slot), user: extra.user, options: { ...extra.options, api: { xpertId } } })).frame
}

for (const a of adapters) {
  test(`${a.id}: a tool call is a tool step with its result, then the answer`, async ({ page }) => {
    const frame = await open(page, a.id, 0)
    await ask(frame, 'what is the weather?')
    const answer = frame.locator('article[data-message-role="assistant"]')
    await expect(answer).toHaveAttribute('data-status', 'done')
    await expect(answer.locator('[data-tool-type="get_weather"]')).toHaveAttribute('data-tool-status', 'success')
    await expect(answer).toContainText(`The tool get_weather answered`)
    await expect(answer).toContainText(a.weather)
    expect((await pageEvents(page)).filter((e) => e.name === 'error')).toEqual([])
  })

  test(`${a.id}: an approval round trip resumes the same answer and runs the tool`, async ({ page }) => {
    const frame = await open(page, a.id, 0)
    await ask(frame, 'please delete the report')
    const resumed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && !!r.postDataJSON()?.input?.command?.resume)
    await a.approve(frame)
    expect((await resumed).postDataJSON().input.command.resume).toEqual({ decisions: [{ type: 'approve' }] })
    const answer = frame.locator('article[data-message-role="assistant"]')
    await expect(answer).toHaveCount(1)
    await expect(answer).toHaveAttribute('data-status', 'done')
    await expect(answer.locator('[data-tool-type="delete_file"]')).toHaveAttribute('data-tool-status', 'success')
    await expect(answer).toContainText('The tool delete_file answered')
    await expect(answer).toContainText('/tmp/report.txt')
    await expect(frame.locator('.ck-confirm, .ck-hitl')).toHaveCount(0)
  })

  test(`${a.id}: a reload mid-answer rejoins the run: the reloaded page streams the answer to its end, as stored`, async ({ page }) => {
    const user = `adapters-${a.id}-${Date.now()}`
    const frame = await open(page, a.id, 0, { user })
    await ask(frame, 'a long answer please')
    const answer = frame.locator('article[data-message-role="assistant"]')
    await expect(answer).toHaveAttribute('data-status', 'streaming')
    await expect(answer).toContainText('word3')
    const threadId = await shownThreadId(page)
    const secret = await mintSecret(user, { assistant: a.id })
    const storedAnswer = async () => {
      const res = await fetch(`${E2E.api}/api/ai/conversations/${threadId}/messages?limit=10&offset=0`, { headers: { authorization: `Bearer ${secret}` } })
      const ai = ((await res.json()) as { items: { role: string; status: string; content: unknown }[] }).items.find((m) => m.role === 'ai')
      return { status: ai?.status, text: JSON.stringify(ai?.content ?? '') }
    }
    // The server saves a running answer about once a second: wait until a part of it is stored, still running.
    await expect.poll(storedAnswer).toMatchObject({ status: 'streaming', text: expect.stringContaining('word0') })
    // A new page load (same user, same thread) while the answer is still streaming rejoins the run.
    const again = await open(page, a.id, 1, { user, options: { initialThread: threadId } })
    await expect(again.locator('article[data-message-role="user"]')).toContainText('a long answer please')
    const rejoined = again.locator('article[data-message-role="assistant"]')
    await expect(rejoined).toHaveAttribute('data-status', 'streaming')
    await expect(again.locator('button[aria-label="Stop"]')).toBeVisible()
    // It streams on in the reloaded page to the end, without another reload.
    await expect(rejoined).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    await expect(rejoined).toContainText('word39')
    const live = (await rejoined.textContent()) ?? ''
    expect(live).toMatch(/word0 .*word39/s)
    expect(live.match(/word0 /g)).toHaveLength(1)
    // The adapter's run was not stopped by the page going away, and what the reloaded page shows is what the server stored.
    expect((await storedAnswer()).status).toBe('success')
    const done = await open(page, a.id, 2, { user, options: { initialThread: threadId } })
    const whole = done.locator('article[data-message-role="assistant"]')
    await expect(whole).toHaveAttribute('data-status', 'done')
    expect(await whole.textContent()).toBe(live)
  })
}
