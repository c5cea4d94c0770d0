import { h, type ComponentChildren } from 'preact'
import type { HlNode } from './tree.js'

/**
 * Highlighting for settled code blocks. highlight.js runs in a module worker (same origin, so the
 * frame's `script-src 'self'` covers it): compiling a grammar takes tens of milliseconds and every
 * block a few more, none of it on the main thread. Where a worker cannot start (no Worker, or it
 * fails to load), the same code runs here instead, in time-boxed slices.
 */
type Result = HlNode[] | null
type Job = { code: string; language: string; done(v: Result): void }

let worker: Worker | null | undefined
let nextId = 0
const pending = new Map<number, Job>()

function startWorker(): Worker | null {
  if (typeof Worker !== 'function') return null
  try {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'chatkit-highlight' })
    w.onmessage = (e: MessageEvent<{ id: number; tree: Result }>) => {
      const job = pending.get(e.data.id)
      pending.delete(e.data.id)
      job?.done(e.data.tree)
    }
    // A worker that cannot load (blocked, missing chunk) or crashes: fall back to the main thread.
    w.onerror = (e) => {
      e.preventDefault()
      w.terminate()
      worker = null
      const jobs = [...pending.values()]
      pending.clear()
      for (const job of jobs) inThread(job)
    }
    return w
  } catch {
    return null
  }
}

let chunk: Promise<typeof import('./languages.js')> | null = null
const queue: Job[] = []
let draining = false
/** Work per slice before yielding to the browser (main-thread fallback only). */
const SLICE_MS = 8

function inThread(job: Job) {
  queue.push(job)
  if (!draining) void drain()
}

async function drain() {
  draining = true
  try {
    const lib = await (chunk ??= import('./languages.js'))
    while (queue.length) {
      const start = performance.now()
      while (queue.length && performance.now() - start < SLICE_MS) {
        const job = queue.shift()!
        let tree: Result = null
        try {
          tree = lib.highlightTree(job.code, job.language)
        } catch {
          tree = null
        }
        job.done(tree)
      }
      if (queue.length) await new Promise((r) => setTimeout(r, 0))
    }
  } catch {
    // The chunk failed to load: every waiting block stays plain.
    for (const job of queue.splice(0)) job.done(null)
  } finally {
    draining = false
  }
}

/** Class names come from highlight.js's grammar; anything else is dropped. */
const CLASS = /^[\w -]{1,80}$/

function toVNodes(nodes: HlNode[]): ComponentChildren[] {
  return nodes.map((n) => (typeof n === 'string' ? n : h('span', { class: CLASS.test(n.c) ? n.c : undefined }, toVNodes(n.k))))
}

/** Highlighted vnodes for `code`, or null (unknown language, or highlighting is unavailable). */
export function highlight(code: string, language: string): Promise<ComponentChildren | null> {
  return new Promise((resolve) => {
    const job: Job = { code, language, done: (tree) => resolve(tree ? toVNodes(tree) : null) }
    if (worker === undefined) worker = startWorker()
    if (!worker) return inThread(job)
    const id = nextId++
    pending.set(id, job)
    worker.postMessage({ id, code, language })
  })
}
