import type { AgentContext, AgentEvent } from '../types.js'
import { countWords } from './demo-answer.js'

/** A 24×16 bar chart (PNG): the report's picture. */
const CHART_PNG = 'iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAKElEQVR42mP4TyXAMMAGqSa/RkZDxSBMRcPYIGJEBqFB5GkbNYgcEQD/1FdCTeMOEAAAAABJRU5ErkJggg=='

/**
 * The demo's `report` keyword: a tool step that saves two files (a CSV of the question's word
 * counts and a chart image) with `ctx.files.save` and ends with them as its `attachments`, which
 * the frame shows under the step (option `toolOutputAttachments`). Without a file store the step
 * fails with the reason.
 */
export async function* demoReport(ctx: AgentContext, pause: number): AsyncGenerator<AgentEvent> {
  const id = `${ctx.runId}-make_report`
  yield { type: 'tool_start', id, name: 'make_report', title: 'Make a report', input: { text: ctx.input.text } }
  await ctx.sleep(pause)
  try {
    const { words, characters } = countWords(ctx.input.text)
    const csv = await ctx.files.save({ name: 'word-count.csv', bytes: `measure,value\nwords,${words}\ncharacters,${characters}\n` })
    const chart = await ctx.files.save({ name: 'chart.png', bytes: Uint8Array.from(atob(CHART_PNG), (c) => c.charCodeAt(0)) })
    yield { type: 'tool_end', id, output: { words, characters }, attachments: [csv, chart] }
  } catch (e) {
    yield { type: 'tool_end', id, error: e instanceof Error ? e.message : String(e) }
  }
}
