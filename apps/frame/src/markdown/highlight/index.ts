import type { ComponentChildren } from 'preact'
import { htmlToVNodes } from '../safe-dom.js'

let chunk: Promise<typeof import('./languages.js')> | null = null

/** Only `<span class="hljs-…">` survives from highlight.js's output. */
const POLICY = { elements: new Set(['span']), attributes: new Set(['class']) }

type Job = { code: string; language: string; done(v: ComponentChildren | null): void }
const jobs: Job[] = []
let draining = false
/** Work per slice before yielding to the browser: an answer that settles with a hundred code blocks must not become one long task. */
const SLICE_MS = 8

async function drain() {
  draining = true
  try {
    const lib = await (chunk ??= import('./languages.js'))
    while (jobs.length) {
      const start = performance.now()
      while (jobs.length && performance.now() - start < SLICE_MS) {
        const job = jobs.shift()!
        try {
          const html = lib.highlightHtml(job.code, job.language)
          job.done(html === null ? null : htmlToVNodes(html, POLICY))
        } catch {
          job.done(null)
        }
      }
      if (jobs.length) await new Promise((r) => setTimeout(r, 0))
    }
  } catch {
    // The chunk failed to load: every waiting block stays plain.
    for (const job of jobs.splice(0)) job.done(null)
  } finally {
    draining = false
  }
}

/**
 * Highlighted vnodes for `code`, or null (unknown language, or the chunk failed to load). Jobs run
 * in time-boxed slices, in the order asked.
 */
export function highlight(code: string, language: string): Promise<ComponentChildren | null> {
  return new Promise((done) => {
    jobs.push({ code, language, done })
    if (!draining) void drain()
  })
}
