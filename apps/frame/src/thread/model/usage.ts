import type { ContextUsage } from '@xpert-ai/chatkit-protocol'

const count = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0

/** `thread_context_usage` → `ContextUsage`, or why it is malformed. */
export function usageFrom(v: unknown): ContextUsage | string {
  if (!v || typeof v !== 'object') return 'thread_context_usage without a usage object'
  const u = v as Record<string, unknown>
  if (!count(u.inputTokens) || !count(u.outputTokens) || !count(u.totalTokens)) return 'usage needs non-negative inputTokens, outputTokens, totalTokens'
  const usage: ContextUsage = { inputTokens: u.inputTokens, outputTokens: u.outputTokens, totalTokens: u.totalTokens }
  if (u.contextWindow !== undefined) {
    if (!count(u.contextWindow) || u.contextWindow === 0) return 'usage.contextWindow must be a positive number'
    usage.contextWindow = u.contextWindow
  }
  return usage
}
