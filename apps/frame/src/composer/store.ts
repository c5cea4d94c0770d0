import { signal } from '@preact/signals'
import type { Entity } from '@xpert-ai/chatkit-protocol'
import type { MessageKey } from '../i18n/index.js'

/** The composer's text, settable by the host (`setComposerValue`) and by typing. */
export const composerValue = signal('')

/** Bumped to ask the composer for focus (`focusComposer`); works even before it mounts. */
export const focusRequest = signal(0)

export function requestFocus(): void {
  focusRequest.value++
}

/** The tool chosen in the tool menu (`composer.tools`), null for none. */
export const selectedTool = signal<string | null>(null)

/** The model chosen in the model picker; null means the option's default. */
export const selectedModel = signal<string | null>(null)

/** Text of an answer the message being written asks about ("Ask about this"), sent as a quote reference. */
export const quote = signal<string | null>(null)

/** Entities the user @-mentioned in the message being written. */
export const mentions = signal<Entity[]>([])

/**
 * Dictation's phase (the composer shows the mic button's state and, past `idle`, the dictation
 * bar); the level and time while recording live in the lazily loaded dictation module.
 */
export type DictationPhase = { kind: 'idle' | 'starting' | 'recording' | 'transcribing' } | { kind: 'error'; message: MessageKey }
export const dictation = signal<DictationPhase>({ kind: 'idle' })
