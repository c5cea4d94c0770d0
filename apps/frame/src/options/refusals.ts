/**
 * Options this ChatKit accepts from `@xpert-ai/chatkit-types` but cannot honour (yet). Setting one
 * is never silently dropped: each becomes a `not_supported` issue naming the path and why, reported
 * to the host as `chatkit.error` (and shown in the frame) like any other option issue.
 * `docs/options-table.md` lists them with the test proving the refusal.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'
import type { OptionIssue } from './schema.js'
import { capabilityId } from '../composer/slash.js'

type Refusal = { path: string; reason: string; when?: (v: unknown) => boolean }

const set = (v: unknown) => v !== undefined && v !== null && v !== false

export const REFUSALS: readonly Refusal[] = [
  { path: 'api.projectId', reason: 'projects do not exist on a self-hosted ChatKit server' },
  {
    path: 'toolOutputAttachments.onRequestPreview',
    reason: 'XpertAI artifact previews are not resolved through the host; files a tool saved on this server show under its step by themselves',
  },
  { path: 'composer.projects', reason: 'projects do not exist on a self-hosted ChatKit server' },
  { path: 'composer.resources', reason: 'a resources picker is not available' },
  { path: 'composer.connectors', reason: 'connectors do not exist on a self-hosted ChatKit server' },
  { path: 'workbench', reason: 'the workbench panel is not available' },
  { path: 'mcpApps', reason: 'this option is not used: MCP Apps in tool results show by themselves (see docs/agents.md, MCP Apps)' },
  { path: 'goal', reason: 'the goal panel is not available' },
  { path: 'taskSummary', reason: 'the task summary panel is not available' },
]

const at = (root: Record<string, unknown>, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), root)

/** The refusal issues for raw (unvalidated) options and the host's callback paths. */
export function refusedOptions(options: unknown, callbacks: Iterable<string>): OptionIssue[] {
  if (!isRecord(options)) return []
  const cbs = new Set(callbacks)
  const issues: OptionIssue[] = []
  for (const r of REFUSALS) {
    const v = cbs.has(r.path) ? true : at(options, r.path)
    if (set(v) && (r.when ?? set)(v)) issues.push({ path: r.path, reason: `not supported: ${r.reason}` })
  }
  const commands = at(options, 'composer.slashCommands')
  if (Array.isArray(commands)) {
    commands.forEach((c, i) => {
      const type = isRecord(c) && isRecord(c.action) ? c.action.type : undefined
      if (typeof type === 'string' && !SLASH_ACTIONS.includes(type)) {
        issues.push({
          path: `composer.slashCommands[${i}].action.type`,
          reason: `not supported: "${type.slice(0, 60)}" (supported: ${SLASH_ACTIONS.join(', ')})`,
        })
      } else if (type === 'select_capability') {
        const id = capabilityId(c as { action?: unknown })
        const ids = ['tools', 'models'].flatMap((k) => {
          const list = at(options, `composer.${k}`)
          return Array.isArray(list) ? list.map((x) => (isRecord(x) ? x.id : undefined)) : []
        })
        if (!id || !ids.includes(id)) {
          issues.push({
            path: `composer.slashCommands[${i}].action`,
            reason: `not supported: select_capability selects a composer tool or model; ${id ? `"${id.slice(0, 60)}" is neither` : 'it names no id'}`,
          })
        }
      }
    })
  }
  return issues
}

/** Slash-command actions the composer performs (`composer/slash.ts`). */
const SLASH_ACTIONS: readonly string[] = ['insert_text', 'insert_invocation', 'submit_prompt', 'client_action', 'select_capability']
