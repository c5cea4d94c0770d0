import { createContext } from 'preact'
import type { WidgetAction } from '@xpert-ai/chatkit-protocol'

export type WidgetRuntime = {
  scheme: 'light' | 'dark'
  /** The action being handled (its button shows a spinner); null when idle. */
  busy: string | null
  /** Runs an action; `form` is the form it came from, whose named fields join the payload. */
  act(action: WidgetAction, source: string, form?: HTMLFormElement | null): void
}

export const WidgetContext = createContext<WidgetRuntime>({ scheme: 'light', busy: null, act: () => {} })
