import { createElement, useEffect, useRef } from 'react'
import type { HTMLAttributes, ReactElement } from 'react'
import type { ChatKitElement } from '@xpert-ai/chatkit-js'
import type { ChatKitControl } from './types.js'

export type ChatKitProps = Omit<HTMLAttributes<HTMLElement>, 'children'> & { control: ChatKitControl }

/** Renders `<xpertai-chatkit>` and connects it to `useChatKit`. Size it with `className` or `style`. */
export function ChatKit({ control, ...props }: ChatKitProps): ReactElement {
  const el = useRef<ChatKitElement>(null)
  useEffect(() => control.attach(el.current!), [control.attach])
  useEffect(() => void el.current!.setOptions(control.options), [control.options])
  return createElement('xpertai-chatkit', { ref: el, ...props })
}
