import type { Page } from '@playwright/test'

/** Presses `key` until `read` changes from its first value (at most `times` presses); the final value. */
export async function pressUntilMoved(page: Page, key: string, read: () => Promise<number>, times = 6): Promise<number> {
  const before = await read()
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key)
    const now = await read()
    if (now !== before) return now
  }
  return read()
}
