/** What a thread controller needs from the frame: the API, the host, the run request's extras. */
import type { ChatKitRequestOptions } from '@xpert-ai/chatkit-protocol'
import type { ApiClient } from '../api/index.js'
import type { Emit } from '../bridge/index.js'
import type { Scheduler } from '../shared/index.js'
import type { ClientToolInvoker } from './client-tools.js'
import type { Connectivity } from './connectivity.js'
import type { FollowDeps } from './resilient-stream.js'

export type ThreadDeps = {
  api: ApiClient
  assistantId(): string | undefined
  request(): ChatKitRequestOptions | undefined
  emit: Emit
  emitError(e: unknown): void
  /** Runs a client tool in the host (`options.onClientTool`); absent when the host has none. */
  clientTool?(): ClientToolInvoker | null
  schedule?: Scheduler
  /** How long a stop waits for the server's cancel before cutting the stream anyway. */
  cancelTimeoutMs?: number
  now?(): number
  /** Online/offline (default: the browser's); and the reconnect policy's knobs, for tests. */
  connectivity?: Connectivity
  reconnect?: Pick<FollowDeps, 'policy' | 'random' | 'sleep'>
  /**
   * Whether the API creates a thread from its first run request (`if_not_exists: 'create'`, one
   * round trip), remembered per API; `unsupported` is called when it answered otherwise (an XpertAI
   * server). Absent: the thread is created first (`POST /threads`), as before.
   */
  threadOnRun?: { supported(): boolean; unsupported(): void }
}
