/** A parsed SSE event, for tests (the frame has its own incremental parser). */
export type SseEvent = { id?: string; event?: string; data: string; comment?: boolean }

/** Parses a complete SSE text: events separated by blank lines; `:` lines are comments. */
export function parseSse(text: string): SseEvent[] {
  const out: SseEvent[] = []
  for (const block of text.split('\n\n')) {
    if (!block.trim()) continue
    const ev: SseEvent = { data: '' }
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) ev.comment = true
      else if (line.startsWith('id: ')) ev.id = line.slice(4)
      else if (line.startsWith('event: ')) ev.event = line.slice(7)
      else if (line.startsWith('data: ')) data.push(line.slice(6))
    }
    ev.data = data.join('\n')
    out.push(ev)
  }
  return out
}

/** Reads a streaming response until `stop(textSoFar)` is true; returns the text and cancels the rest. */
export async function readUntil(res: Response, stop: (text: string) => boolean): Promise<string> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text
    text += decoder.decode(value, { stream: true })
    if (stop(text)) {
      await reader.cancel()
      return text
    }
  }
}

/**
 * Reads a streaming response in steps without cancelling it: `until(stop)` waits for a positive
 * signal in the text so far (the agent started, an event arrived), `all()` reads to the end.
 */
export function streamReader(res: Response) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const more = async () => {
    const { done, value } = await reader.read()
    if (!done) text += decoder.decode(value, { stream: true })
    return !done
  }
  return {
    async until(stop: (text: string) => boolean): Promise<string> {
      while (!stop(text)) if (!(await more())) throw new Error(`the stream ended before the awaited event: ${text.slice(-300)}`)
      return text
    },
    async all(): Promise<string> {
      while (await more());
      return text
    },
  }
}
