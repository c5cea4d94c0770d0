// CPU time from /proc (Linux): what the server process used per answer, and (BENCH_THREADS=1)
// which threads of which processes used the machine's cores while an answer streamed.
import { readdirSync, readFileSync } from 'node:fs'

const TICK_MS = 10 // USER_HZ is 100 on Linux

/** utime + stime of one /proc stat line, in ms. */
function statCpu(stat) {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * TICK_MS
}

export function processCpuMs(pid) {
  return statCpu(readFileSync(`/proc/${pid}/stat`, 'utf8'))
}

/** Every thread's CPU so far, keyed by pid/tid, named "thread [process kind]". */
export function threadCpu() {
  const threads = new Map()
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      // Chromium rewrites its argv into one space-separated string.
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/)
      const kind = cmd.find((a) => a.startsWith('--type='))?.slice(7) ?? cmd.slice(0, 2).join(' ').slice(0, 40)
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        threads.set(`${pid}/${tid}`, { name: `${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))} [${kind}]`, ms: statCpu(stat) })
      }
    } catch {
      // The process or thread ended meanwhile.
    }
  }
  return threads
}

export function printThreadCpu(before, after) {
  const by = new Map()
  for (const [k, v] of after) {
    const d = v.ms - (before.get(k)?.ms ?? 0)
    if (d > 0) by.set(v.name, (by.get(v.name) ?? 0) + d)
  }
  console.log(
    'CPU by thread:\n' +
      [...by]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 14)
        .map(([k, v]) => `  ${String(v).padStart(6)} ms  ${k}`)
        .join('\n'),
  )
}
