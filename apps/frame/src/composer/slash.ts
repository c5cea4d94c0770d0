/**
 * What a slash command does (`composer.slashCommands[].action`):
 * - `insert_text` / `insert_invocation`: the template replaces the composer text;
 * - `submit_prompt`: the template is sent as the user's message;
 * - `client_action`: reported to the host as a `chatkit.effect` event `{name: action.type, data: payload}`
 *   (the same channel as server-side client effects), nothing is sent;
 * - anything else (e.g. `select_capability`): reported as a `chatkit.log` event `{name: 'slash_command', data}`.
 */
import type { ChatKitSlashCommand } from '@xpert-ai/chatkit-protocol'

export type SlashOutcome =
  | { kind: 'insert'; text: string }
  | { kind: 'submit'; text: string }
  | { kind: 'effect'; name: string; data: Record<string, unknown> }
  | { kind: 'log'; data: Record<string, unknown> }

export function slashOutcome(cmd: ChatKitSlashCommand): SlashOutcome {
  const a = cmd.action as { type?: unknown; template?: unknown; text?: unknown; prompt?: unknown; action?: { type?: unknown; payload?: unknown } }
  const template = [a.template, a.text, a.prompt].find((v): v is string => typeof v === 'string') ?? ''
  switch (a.type) {
    case 'insert_text':
    case 'insert_invocation':
      return { kind: 'insert', text: template }
    case 'submit_prompt':
      return template.trim() ? { kind: 'submit', text: template } : { kind: 'insert', text: template }
    case 'client_action': {
      const name = typeof a.action?.type === 'string' ? a.action.type : cmd.name
      const payload = a.action?.payload
      return { kind: 'effect', name, data: payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {} }
    }
    default:
      return { kind: 'log', data: { command: cmd.name, action: cmd.action } }
  }
}

/** Usable commands, filtered by what the user typed after `/` (name, alias or label prefix). */
export function matchCommands(commands: unknown, query: string): ChatKitSlashCommand[] {
  if (!Array.isArray(commands)) return []
  const q = query.toLowerCase()
  return commands
    .filter((c): c is ChatKitSlashCommand => !!c && typeof c.name === 'string' && !!c.action && typeof c.action === 'object')
    .filter((c) => !(c.availability as { disabled?: boolean } | undefined)?.disabled)
    .filter((c) => [c.name, c.label, ...((c.aliases as string[] | undefined) ?? [])].some((n) => typeof n === 'string' && n.toLowerCase().startsWith(q)))
    .slice(0, 20)
}
