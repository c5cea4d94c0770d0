/**
 * What a slash command does (`composer.slashCommands[].action`):
 * - `insert_text` / `insert_invocation`: the template replaces the composer text;
 * - `submit_prompt`: the template is sent as the user's message;
 * - `client_action`: reported to the host as a `chatkit.effect` event `{name: action.type, data: payload}`
 *   (the same channel as server-side client effects), nothing is sent;
 * - `select_capability`: selects the composer tool or model whose id it names
 *   (`action.capability.id`, `action.toolId`, `action.modelId` or `action.id`);
 * - anything else is refused when the options are set (`options/refusals.ts`); should one get here it
 *   is reported as a `chatkit.log` event `{name: 'slash_command', data}`.
 * Menu fields (XpertAI): `category` groups, `argsHint` follows the name, `kind`/`source` tag the
 * entry, and a command with `availability.disabled` shows greyed with `availability.reason`.
 */
import type { ChatKitSlashCommand } from '@xpert-ai/chatkit-protocol'

export type SlashOutcome =
  | { kind: 'insert'; text: string }
  | { kind: 'submit'; text: string }
  | { kind: 'effect'; name: string; data: Record<string, unknown> }
  | { kind: 'select'; id: string }
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
    case 'select_capability': {
      const id = capabilityId(cmd)
      if (id) return { kind: 'select', id }
      return { kind: 'log', data: { command: cmd.name, action: cmd.action } }
    }
    default:
      return { kind: 'log', data: { command: cmd.name, action: cmd.action } }
  }
}

/** The tool or model id a `select_capability` action names. */
export function capabilityId(cmd: { action?: unknown }): string | undefined {
  const a = (cmd.action ?? {}) as { capability?: { id?: unknown }; toolId?: unknown; modelId?: unknown; id?: unknown }
  return [a.capability?.id, a.toolId, a.modelId, a.id].find((v): v is string => typeof v === 'string' && v !== '')
}

/** How a command shows in the menu. */
export function slashMenuEntry(c: ChatKitSlashCommand) {
  const str = (v: unknown, max = 200) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined)
  const availability = (c.availability ?? {}) as { disabled?: unknown; reason?: unknown }
  const disabled = availability.disabled === true
  const source = c.source && typeof c.source === 'object' ? [c.source.label, c.source.name, c.source.type].find((v) => str(v)) : c.source
  const tags = [str(c.kind, 40), str(source, 40)].filter((x): x is string => !!x)
  return {
    label: `/${c.name}`,
    hint: str(c.argsHint, 80),
    group: str(c.category, 80),
    tags,
    disabled,
    description: (disabled && str(availability.reason)) || str(c.description) || str(c.label),
    // Decided here, in the menu's chunk: the composer (first load) only acts on it.
    outcome: slashOutcome(c),
  }
}

/** Commands, filtered by what the user typed after `/` (name, alias or label prefix). */
export function matchCommands(commands: unknown, query: string): ChatKitSlashCommand[] {
  if (!Array.isArray(commands)) return []
  const q = query.toLowerCase()
  return commands
    .filter((c): c is ChatKitSlashCommand => !!c && typeof c.name === 'string' && !!c.action && typeof c.action === 'object')
    .filter((c) => [c.name, c.label, ...((c.aliases as string[] | undefined) ?? [])].some((n) => typeof n === 'string' && n.toLowerCase().startsWith(q)))
    .slice(0, 20)
}
