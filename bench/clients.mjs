// The load client processes of `pnpm bench:server` (bench/load-client.mjs): the streams of a level
// are shared among them; their results are merged.
import { forkChild, stopChild } from './backends.mjs'

export async function startClients(count) {
  const procs = Array.from({ length: count }, () => forkChild('./load-client.mjs'))
  await Promise.all(procs.map((p) => p.next('ready')))
  return {
    /** Opens `n` sessions and threads on `server`, shared among the clients. */
    async setup(server, n, tag) {
      const k = procs.length
      await Promise.all(
        procs.map((p, i) => {
          const count = Math.floor(n / k) + (i < n % k ? 1 : 0)
          p.child.send({ type: 'setup', api: server.api, apiKey: server.apiKey, agent: server.agent, count, tag: `${tag}-${i}` })
          return p.next('setup', 'failed').then((m) => {
            if (m.type === 'failed') throw new Error(`setting up the streams failed: ${m.error}`)
          })
        }),
      )
    },
    /** Streams every set-up thread at once; resolves to the merged counts. */
    async go(api, tokens) {
      for (const p of procs) p.child.send({ type: 'go', api, tokens })
      const done = await Promise.all(procs.map((p) => p.next('done')))
      const delays = done.flatMap((d) => d.delays).sort((a, b) => a - b)
      return {
        delays,
        errors: done.flatMap((d) => d.errors),
        rate: done.reduce((a, d) => a + d.rate, 0),
        elapsed: (Math.max(...done.map((d) => d.ended)) - Math.min(...done.map((d) => d.started))) / 1000,
      }
    },
    async stop() {
      await Promise.all(procs.map((p) => stopChild(p.child)))
    },
  }
}
