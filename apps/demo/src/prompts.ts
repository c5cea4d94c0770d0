import type { StartScreenPrompt } from '@xpert-ai/chatkit-js'

/**
 * The demo's start-screen prompts: each one shows a feature of the built-in demo agent (its
 * keywords: packages/server/src/agent/demo/demo-keywords.ts). Every finished answer also offers
 * suggested next questions.
 */
export const DEMO_PROMPTS: StartScreenPrompt[] = [
  { label: 'Search with sources', prompt: 'search the web for ChatKit and cite the sources', icon: 'globe' },
  { label: 'Branch an answer', prompt: 'reason about this, then I will press Retry or edit it to branch', icon: 'compose' },
  { label: 'Show a widget', prompt: 'show me a widget', icon: 'grid' },
  { label: 'Run a tool', prompt: 'use a tool to count my words', icon: 'bolt' },
  { label: 'Ask my approval', prompt: 'approve an email before you send it', icon: 'circle-question' },
]
