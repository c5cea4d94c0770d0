import type { FileSettings } from '../config.js'
import type { RunEngine } from '../engine/run-engine.js'
import type { RunEventLog } from '../events/run-event-log.js'
import type { Store } from '../store/types.js'
import type { Clock } from '../util/clock.js'

/**
 * What services use: the slice of the handler's `Deps` (context.ts) below the route layer, so a
 * service depends on the store, engine and settings it works with, never on the routes' bag.
 */
export type ServiceDeps = {
  store: Store
  clock: Clock
  log: RunEventLog
  engine: RunEngine
  files: FileSettings
  basePath: string
  /** `publicUrl`'s origin: what URLs the API builds start with (else the request's origin). */
  publicOrigin: string | null
}

/** What storing a file needs: the store, the clock and the file settings (uploads, and files agents save). */
export type FileDeps = Pick<ServiceDeps, 'store' | 'clock' | 'files'>
