/**
 * English strings: the source of truth and the fallback for every other locale. Keys are
 * `area.thing`; `{name}` marks a parameter. Adding a locale = one file in this folder with the
 * same keys (missing keys fall back to English).
 */
export const en = {
  'app.loading': 'Loading…',
  'start.greeting': 'What can I help with today?',
  'composer.placeholder': 'Message the assistant',
  'composer.label': 'Message',
  'composer.send': 'Send',
  'composer.stop': 'Stop',
  'message.thinking': 'Thinking…',
  'message.thoughtProcess': 'Thought process',
} as const

export type MessageKey = keyof typeof en
export type Messages = Partial<Record<MessageKey, string>>
