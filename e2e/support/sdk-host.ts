/**
 * Driving the SDK test host pages of the demo site (apps/demo/public/test-host*.js,
 * react-events.html): open one, call the SDK's methods, read the events and callback calls the page
 * recorded. (The demo origin is on the frame's allowlist.)
 */
import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test'
import { E2E } from './ports.js'

type HostEvent = { type: string; detail: Record<string, unknown> | null }
type HostCall = { path: string; args: unknown[] }
type TestWindow = { __events?: HostEvent[]; __calls?: HostCall[]; __behave: Record<string, unknown>; chat: Record<string, (...a: unknown[]) => unknown> }

export const PAGES = { vanilla: '/test-host.html', react: '/react-events.html', launcher: '/test-launcher.html' } as const

/** The chat frame inside `<xpertai-chatkit>`'s shadow root (Playwright pierces open shadow roots). */
export const chatFrame = (page: Page): FrameLocator => page.frameLocator('xpertai-chatkit iframe')

/** The frame as a Playwright `Frame`, to evaluate in its document. */
export function frameOf(page: Page): Frame {
  const f = page.frames().find((fr) => fr !== page.mainFrame() && fr.url().startsWith(E2E.api))
  if (!f) throw new Error('no ChatKit frame on the page')
  return f
}

export async function openHost(
  page: Page,
  path: string = PAGES.vanilla,
  options?: Record<string, unknown>,
  initialBehave?: Record<string, { value: unknown } | { error: string }>,
): Promise<void> {
  const params = new URLSearchParams()
  if (options) params.set('options', JSON.stringify(options))
  if (initialBehave) params.set('behave', JSON.stringify(initialBehave))
  const query = params.size ? '?' + params : ''
  await page.goto(E2E.demo + path + query)
  if (path !== PAGES.launcher) await expect.poll(() => events(page, 'ready'), { timeout: 15_000 }).toHaveLength(1)
}

export const events = (page: Page, type?: string) =>
  page.evaluate((t) => ((window as unknown as TestWindow).__events ?? []).filter((e) => !t || e.type === t), type)

export const calls = (page: Page, path: string) => page.evaluate((p) => ((window as unknown as TestWindow).__calls ?? []).filter((c) => c.path === p), path)

/** What the host callback at `path` does next: return `{value}` or throw `{error}`. */
export const behave = (page: Page, path: string, b: { value: unknown } | { error: string }) =>
  page.evaluate(([p, v]) => void ((window as unknown as TestWindow).__behave[p as string] = v), [path, b] as const)

/** Calls a method of the page's ChatKit handle; resolves with `{ok, value}` or `{ok:false, code, message}`. */
export function method(page: Page, name: string, ...args: unknown[]) {
  return page.evaluate(
    async ([n, a]) => {
      try {
        return { ok: true as const, value: await (window as unknown as TestWindow).chat[n as string](...(a as unknown[])) }
      } catch (e) {
        const err = e as { code?: string; message?: string }
        return { ok: false as const, code: err.code, message: String(err.message) }
      }
    },
    [name, args] as const,
  )
}

export const lastAnswer = (page: Page) => chatFrame(page).locator('article[data-message-role="assistant"]').last()
