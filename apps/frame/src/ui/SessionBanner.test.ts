// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { createSessionStatus } from '../app/session.js'
import { setLocale } from '../i18n/index.js'
import { SessionBanner } from './SessionBanner.js'

let root: HTMLElement
let retry = vi.fn()
let session = createSessionStatus(retry)

afterEach(async () => {
  act(() => render(null, root))
  root.remove()
  retry = vi.fn()
  session = createSessionStatus(retry)
  await setLocale('en')
})

function mount() {
  root = document.createElement('div')
  document.body.append(root)
  act(() => render(h(SessionBanner, { session }), root))
}

describe('SessionBanner', () => {
  it('shows nothing while the session is fine; an alert with the cause and a Retry when it is not', () => {
    mount()
    expect(root.innerHTML).toBe('')
    act(() => session.report({ code: 'callback_failed', message: 'api.getClientSecret failed in the host: backend down' }))
    const alert = root.querySelector('[role="alert"]')!
    expect(alert.textContent).toContain('Couldn’t connect: your session could not be renewed.')
    expect(alert.textContent).toContain('backend down')
    expect(alert.getAttribute('data-code')).toBe('callback_failed')
    act(() => (root.querySelector('button') as HTMLButtonElement).click())
    expect(retry).toHaveBeenCalledTimes(1)
    act(() => session.report(null))
    expect(root.querySelector('[role="alert"]')).toBeNull()
  })

  it('is localized', async () => {
    mount()
    await act(async () => void (await setLocale('de')))
    act(() => session.report({ code: 'client_secret', message: 'x' }))
    expect(root.textContent).toContain('Ihre Sitzung konnte nicht erneuert werden')
    expect(root.querySelector('button')?.textContent).not.toBe('Retry')
  })
})
