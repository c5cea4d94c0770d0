/**
 * Whether the browser thinks it is online (`navigator.onLine` and the window's `online`/`offline`
 * events), as a signal the UI reads and a small interface the thread code waits on.
 */
import { signal } from '@preact/signals'

export type Connectivity = {
  online(): boolean
  /** Resolves at the next `online` (at once when online); rejects with an AbortError on abort. */
  whenOnline(signal?: AbortSignal): Promise<void>
  /** Calls `fn` on every `offline` → `online` change; returns the unsubscribe. */
  onOnline(fn: () => void): () => void
}

export const isOnline = signal(typeof navigator === 'undefined' || navigator.onLine !== false)

const listeners = new Set<() => void>()

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => (isOnline.value = false))
  window.addEventListener('online', () => {
    isOnline.value = true
    for (const fn of [...listeners]) fn()
  })
}

export const browserConnectivity: Connectivity = {
  online: () => isOnline.value,
  onOnline(fn) {
    listeners.add(fn)
    return () => void listeners.delete(fn)
  },
  whenOnline(abort) {
    if (isOnline.value) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        off()
        abort?.removeEventListener('abort', aborted)
        resolve()
      }
      const aborted = () => {
        off()
        reject(new DOMException('aborted while offline', 'AbortError'))
      }
      const off = browserConnectivity.onOnline(done)
      if (abort?.aborted) return aborted()
      abort?.addEventListener('abort', aborted, { once: true })
    })
  },
}

/** The 503 codes the server uses when a service it depends on (its database, its shared event log) is down. */
const SERVICE_CODES = new Set(['store_unavailable', 'event_log_unavailable'])

/** Which service the API last said was down, until the API next answers a request successfully. */
export const serviceDown = signal<string | null>(null)

/** Records what an API response says about the server's services. */
function noteServiceStatus(status: number, apiCode?: string): void {
  if (status === 503 && apiCode && SERVICE_CODES.has(apiCode)) serviceDown.value = apiCode
  else if (status < 400 && serviceDown.peek() !== null) serviceDown.value = null
}

// The API client reports every response (api/client.ts SERVICE_STATUS_EVENT; an event keeps the modules apart).
if (typeof window !== 'undefined') {
  window.addEventListener('chatkit:service-status', (e) => {
    const { status, code } = (e as CustomEvent<{ status: number; code?: string }>).detail
    noteServiceStatus(status, code)
  })
}
