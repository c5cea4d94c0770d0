/**
 * Source edits for the classic script (chatkit.iife.js) only, which runs in a browser page:
 *
 * - Its `import('./pet.js')` cannot resolve against the script: a classic script loaded from
 *   another origin without `crossorigin` has the base URL about:blank for `import()`. So the script
 *   remembers its own URL while it runs (`document.currentScript`) and imports pet.js next to it.
 *   (The ES module build keeps the relative import: module scripts resolve against their own URL,
 *   and bundlers follow it.)
 * - The server-rendering guard around HTMLElement is dead there (no classic script runs on a
 *   server); dropping it pays for the line above within the 6 KB budget.
 */
import type { Plugin } from 'rolldown'

const EDITS: [string, string][] = [
  ["await import('./pet.js')", "await import(new URL('pet.js', SCRIPT) as unknown as string)"],
  ["(typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement", 'HTMLElement'],
]

export function classicScript(): Plugin {
  return {
    name: 'classic-script',
    transform(code, id) {
      if (!/[\\/]src[\\/]element\.ts$/.test(id)) return
      let out = code
      for (const [from, to] of EDITS) {
        if (!out.includes(from)) throw new Error(`classic-script: "${from}" not found in src/element.ts: revisit build/classic-script.ts`)
        out = out.replace(from, to)
      }
      return `const SCRIPT = (document.currentScript as HTMLScriptElement | null)?.src\n${out}`
    },
  }
}
