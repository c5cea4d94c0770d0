/**
 * The first characters of an answer come first. A send mounts parts whose code is a lazy chunk
 * that no answer needs for its first characters (the header's Export menu, "Ask about this", what
 * a message was sent with, the full icon set). Fetched at the moment of the send, those chunks
 * competed with the answer's stream for the connections, the server and the frame's main thread:
 * Enter → first character took 20–60 ms longer on a busy machine. So their loads wait while a run
 * waits for its first content; the run lets them go once that content is painted, when it ends, or
 * after HOLD_MS at the latest (an agent that thinks for long must not leave the header without its
 * menu). Code the first characters need (the stream follower, the message views) never waits.
 */

/** The longest a run holds the other loads. */
export const HOLD_MS = 1000

let held: Promise<void> | null = null

/** Holds loads made through `afterFirstContent` until the returned release is called (or HOLD_MS). */
export function holdForFirstContent(): () => void {
  let release!: () => void
  const hold = new Promise<void>((r) => (release = r))
  held = hold
  const done = () => {
    if (held === hold) held = null
    release()
  }
  setTimeout(done, HOLD_MS)
  return done
}

/** `load`, started once no run waits for its first content (at once when none does). */
export const afterFirstContent =
  <T>(load: () => Promise<T>): (() => Promise<T>) =>
  () =>
    held ? held.then(load) : load()
