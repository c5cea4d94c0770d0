import { expect, test } from '@playwright/test'
import { ask, openHost, pageEvents } from '../support/host.js'
import { E2E } from '../support/ports.js'

test('client tool: the host runs it, the step shows, the run resumes in the same message with the result', async ({ page }) => {
  // The host answers with its page title, as a real host tool reads its own page.
  const tools: unknown[] = []
  const onClientTool = async (call: unknown) => {
    tools.push(call)
    return { content: { title: await page.title() } }
  }
  const { frame } = await openHost(page, { at: E2E.extraPort(0), callbacks: { onClientTool } })
  const resumed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && !!r.postDataJSON()?.input?.command?.resume)
  await ask(frame, 'client')
  const body = (await resumed).postDataJSON()
  expect(body.input.command.resume.toolMessages).toEqual([
    expect.objectContaining({ name: 'get_host_info', status: 'success', content: { title: 'Host page title' } }),
  ])
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveCount(1)
  await expect(answer).toHaveAttribute('data-status', 'done')
  await expect(answer).toContainText('Host page title')
  await expect(answer.locator('[data-tool-type="get_host_info"]')).toHaveAttribute('data-tool-status', 'success')
  expect(tools).toEqual([expect.objectContaining({ name: 'get_host_info', params: { fields: ['title'] } })])
})

test('client tool that throws in the host: an error tool message, shown as a failed step', async ({ page }) => {
  const { frame } = await openHost(page, {
    at: E2E.extraPort(0),
    callbacks: {
      onClientTool: () => {
        throw new Error('the host refused')
      },
    },
  })
  const resumed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && !!r.postDataJSON()?.input?.command?.resume)
  await ask(frame, 'client')
  expect((await resumed).postDataJSON().input.command.resume.toolMessages[0]).toMatchObject({
    status: 'error',
    content: expect.stringContaining('the host refused'),
  })
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer.locator('[data-tool-type="get_host_info"]')).toHaveAttribute('data-tool-status', 'fail')
  await expect(answer).toHaveAttribute('data-status', 'done')
})

test('human in the loop: an edit decision with new JSON args reaches the agent', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(0) })
  await ask(frame, 'approve')
  const panel = frame.locator('.ck-hitl')
  await expect(panel).toBeVisible()
  await expect(panel.locator('button')).toHaveText(['Approve', 'Edit', 'Reject', 'Respond'])
  await panel.getByRole('button', { name: 'Edit' }).click()
  const editor = panel.getByRole('textbox', { name: 'Arguments (JSON)' })
  await editor.fill('{not json')
  await panel.getByRole('button', { name: 'Send decision' }).click()
  await expect(panel.getByRole('alert')).toContainText('Not valid JSON')
  await editor.fill('{"to": "edited@example.com", "subject": "Edited by e2e"}')
  const resumed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && !!r.postDataJSON()?.input?.command?.resume)
  await panel.getByRole('button', { name: 'Send decision' }).click()
  expect((await resumed).postDataJSON().input.command.resume).toEqual({
    decisions: [{ type: 'edit', editedAction: { name: 'send_email', args: { to: 'edited@example.com', subject: 'Edited by e2e' } } }],
  })
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveCount(1)
  await expect(answer).toContainText('edited@example.com')
  await expect(answer).toContainText('Edited by e2e')
  await expect(answer).toHaveAttribute('data-status', 'done')
})

test('human in the loop: reject with a message, and respond', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(0) })
  await ask(frame, 'approve')
  const panel = frame.locator('.ck-hitl')
  await panel.getByRole('button', { name: 'Reject' }).click()
  await panel.getByRole('textbox', { name: 'Reason (optional)' }).fill('not today')
  const resumed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && !!r.postDataJSON()?.input?.command?.resume)
  await panel.getByRole('button', { name: 'Send decision' }).click()
  expect((await resumed).postDataJSON().input.command.resume).toEqual({ decisions: [{ type: 'reject', message: 'not today' }] })
  await expect(frame.locator('article[data-message-role="assistant"]')).toContainText(/reject/i)
})

test('tool-call confirmation: allow runs the tool in the same message', async ({ page }) => {
  const { frame } = await openHost(page, { at: E2E.extraPort(0) })
  await ask(frame, 'confirm')
  const panel = frame.locator('.ck-confirm')
  await expect(panel).toContainText('delete_file')
  const resumed = page.waitForRequest((r) => r.url().endsWith('/runs/stream') && !!r.postDataJSON()?.input?.command?.resume)
  await panel.getByRole('button', { name: 'Allow' }).click()
  expect((await resumed).postDataJSON().input.command.resume).toEqual({ decisions: [{ type: 'approve' }] })
  const answer = frame.locator('article[data-message-role="assistant"]')
  await expect(answer).toHaveCount(1)
  await expect(answer.locator('[data-tool-type="delete_file"]')).toHaveAttribute('data-tool-status', 'success')
  await expect(frame.locator('.ck-confirm')).toHaveCount(0)
  expect((await pageEvents(page)).filter((e) => e.name === 'error')).toEqual([])
})
