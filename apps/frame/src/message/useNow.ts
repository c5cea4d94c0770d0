import { useEffect, useState } from 'preact/hooks'

/** The clock, re-read every `ms` while `active` (for live "Thinking… 3 s" counters). */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const id = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(id)
  }, [active, ms])
  return active ? Math.max(now, Date.now()) : now
}
