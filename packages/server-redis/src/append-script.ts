import type { Redis, Result } from 'ioredis'

/**
 * One tick's appends as one script call instead of one XADD (and PEXPIRE) command each: KEYS are
 * the streams, one per entry; ARGV is the retention of a closed stream, the safety expiry of an
 * open one (ms), then per entry its id, its kind and its value. Kinds: `d` an event, `D` a run's
 * first event from this replica (its stream also gets the open expiry, NX), `e` the end mark (the
 * stream then expires after the retention). Each entry is added on its own (`pcall`): one that
 * Redis refuses (an id at or below the stream's last: another replica wrote the run) fails alone,
 * its error message in its place of the reply; the others answer 1.
 */
const APPEND = `
local out = {}
for i = 1, #KEYS do
  local id, kind, value = ARGV[3 * i], ARGV[3 * i + 1], ARGV[3 * i + 2]
  local r
  if kind == 'e' then r = redis.pcall('XADD', KEYS[i], id, 'end', '1') else r = redis.pcall('XADD', KEYS[i], id, 'd', value) end
  if type(r) == 'table' and r.err then
    out[i] = r.err
  else
    out[i] = 1
    if kind == 'e' then redis.call('PEXPIRE', KEYS[i], ARGV[1]) elseif kind == 'D' then redis.call('PEXPIRE', KEYS[i], ARGV[2], 'NX') end
  end
end
return out`

/** What the script answers for each entry: 1, or the message of the error Redis gave for it. */
export type AppendReply = (1 | string)[]

/** Defines `appendEvents` on the connection (once). */
export function defineAppendScript(redis: Redis): void {
  if (!redis.appendEvents) redis.defineCommand('appendEvents', { lua: APPEND })
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** `numKeys`, the keys, then retainMs, openTtlMs and (id, kind, value) per key: see APPEND. */
    appendEvents(numKeys: number, ...args: (string | number)[]): Result<AppendReply, Context>
  }
}
