/**
 * Driving the SDK test host pages of the demo site (apps/demo/public/test-host*.js,
 * react-events.html): open one, call the SDK's methods, read the events and callback calls the page
 * recorded. (The demo origin is on the frame's allowlist.)
 */
import type { Page } from '@playwright/test'
import { answers, chatFrame, pageEvents, waitForReady } from './host.js'
import { E2E } from './ports.js'

type HostCall = { path: string; args: unknown[] }
type TestWindow = { __calls?: HostCall[]; __behave: Record<string, unknown>; chat: Record<string, (...a: unknown[]) => unknown> }

export const PAGES = { vanilla: '/test-host.html', react: '/react-events.html', launcher: '/test-launcher.html' } as const

export { chatFrame, frameOf } from './host.js'

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
  if (path !== PAGES.launcher) await waitForReady(page, 15_000)
}

/** The events the page recorded, all or those named `name`. */
export const events = async (page: Page, name?: string) => (await pageEvents(page)).filter((e) => !name || e.name === name)

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

export const lastAnswer = (page: Page) => answers(chatFrame(page)).last()
