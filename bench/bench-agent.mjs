// The agent every `pnpm bench:server` backend runs (also loaded by the CLI replicas with --agent):
// a fixed token rate, each token being the wall-clock time (ms) it was yielded, so the load
// client measures yield → receipt. A plain definition object: it needs no import.
import { performance } from 'node:perf_hooks'

const TOKENS = Number(process.env.BENCH_TOKENS ?? 100)
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 50)

/** The token the agent (and the floor server) yields: now, in ms, with a separator. */
export const stampToken = () => `${(performance.timeOrigin + performance.now()).toFixed(3)};`

export default {
  id: 'bench',
  name: 'Bench',
  async *run(ctx) {
    for (let i = 0; i < TOKENS; i++) {
      await ctx.sleep(INTERVAL_MS)
      yield { type: 'text', text: stampToken() }
    }
  },
}
