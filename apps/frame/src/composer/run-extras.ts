/**
 * Where the composer's extras go in the run request (documented in the frame README):
 * - uploaded files → `input.input.files: [{id, name, mimeType}]`
 * - @-mentions     → `input.input.references: [{type: 'entity', id, title, group?, data?}]`
 * - a quote ("Ask about this") → first in `input.input.references`: `{type: 'quote', text}`
 * - chosen tool    → `input.input.tool: <tool id>`
 * - chosen model   → `config.configurable.model: <model id>` (merged into `options.request.config`);
 *   the app applies it to every run through `withModel` (composer, prompts, host sends, retries,
 *   queued messages, resumes, actions), so a model alone never blocks queueing.
 */
import type { ChatKitRequestOptions, Entity, RunRequest } from '@xpert-ai/chatkit-protocol'
import type { UploadedFile } from '../attachments/index.js'

export type RunExtras = { files: UploadedFile[]; model: string | null; toolId: string | null; entities: Entity[]; quote?: string | null }

export const hasExtras = (x: RunExtras) => x.files.length > 0 || x.entities.length > 0 || !!x.quote || x.model !== null || x.toolId !== null

export function withExtras(body: RunRequest, x: RunExtras): RunRequest {
  const input = { ...body.input, input: { ...(body.input.input ?? { input: '' }) } }
  if (x.files.length) input.input.files = x.files.map((f) => ({ id: f.id, name: f.name, mimeType: f.mimeType }))
  if (x.entities.length || x.quote) {
    input.input.references = [
      ...(x.quote ? [{ type: 'quote', text: x.quote }] : []),
      ...x.entities.map((e) => ({ type: 'entity', id: e.id, title: e.title, ...(e.group ? { group: e.group } : {}), ...(e.data ? { data: e.data } : {}) })),
    ]
  }
  if (x.toolId) (input.input as Record<string, unknown>).tool = x.toolId
  const out: RunRequest = { ...body, input }
  if (x.model) out.config = configWithModel(body.config, x.model)
  return out
}

function configWithModel(config: unknown, model: string): Record<string, unknown> {
  const c = (config && typeof config === 'object' ? config : {}) as Record<string, unknown>
  const configurable = (c.configurable && typeof c.configurable === 'object' ? c.configurable : {}) as Record<string, unknown>
  return { ...c, configurable: { ...configurable, model } }
}

/** `options.request` with the selected model in `config.configurable.model` (unchanged without one). */
export function withModel(request: ChatKitRequestOptions | undefined, model: string | null): ChatKitRequestOptions | undefined {
  return model ? { ...request, config: configWithModel(request?.config, model) } : request
}
