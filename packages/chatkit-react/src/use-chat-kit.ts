import { useMemo, useRef } from 'react'
import { COMMANDS, EVENT_NAMES, getCallback, handlerName, serializeOptions } from '@xpert-ai/chatkit-js'
import type { ChatKitElement, ChatKitOptions } from '@xpert-ai/chatkit-js'
import { deepEqual, withoutHandlers, wrapCallbacks } from './options.js'
import type { ChatKitControl, UseChatKitOptions, UseChatKitReturn } from './types.js'

/**
 * Drives a `<ChatKit control={control} />`. Options are compared by value with function identity
 * ignored, so a re-render with new inline callbacks neither reloads the frame nor resends options;
 * the frame still calls the latest callbacks. `onX` keys are event handlers (`onReady`, `onError`, …).
 *
 * @example
 * const { control, sendUserMessage } = useChatKit({ frameUrl, api: { apiUrl, xpertId, getClientSecret } })
 * return <ChatKit control={control} className="h-[600px]" />
 */
export function useChatKit(options: UseChatKitOptions): UseChatKitReturn {
  const ref = useRef<ChatKitElement | null>(null)
  const latest = useRef(options)
  latest.current = options
  const last = useRef<{ data: unknown; options: ChatKitOptions } | null>(null)
  const data = serializeOptions(withoutHandlers(options))
  if (!last.current || !deepEqual(last.current.data, data)) {
    const call = (path: string, args: unknown[]) => {
      const fn = getCallback(latest.current, path)
      if (!fn) throw new Error(`${path} is no longer in the ChatKit options`)
      return fn(...args)
    }
    last.current = { data, options: wrapCallbacks(withoutHandlers(options), call) as ChatKitOptions }
  }

  const stable = useMemo(() => {
    const methods = {} as Record<string, unknown>
    for (const name of [...COMMANDS, 'setOptions', 'destroy'] as const) {
      methods[name] = (...args: unknown[]) => {
        const el = ref.current
        if (el) return (el[name] as (...a: unknown[]) => Promise<void>)(...args)
        console.warn(`ChatKit: ${name}() called while no <ChatKit> is mounted; ignored`)
        return Promise.resolve()
      }
    }
    const attach = (el: ChatKitElement) => {
      ref.current = el
      const off = EVENT_NAMES.map((name) => {
        const listener = (e: Event) => {
          const handler = (latest.current as Record<string, unknown>)[handlerName(name)]
          if (typeof handler === 'function') handler((e as CustomEvent).detail)
        }
        el.addEventListener('chatkit.' + name, listener)
        return () => el.removeEventListener('chatkit.' + name, listener)
      })
      return () => {
        off.forEach((f) => {
          f()
        })
        if (ref.current === el) ref.current = null
        // StrictMode detaches and re-attaches the same element at once: destroy only if it stays detached.
        queueMicrotask(() => ref.current !== el && el.destroy())
      }
    }
    return { methods: methods as UseChatKitReturn, attach }
  }, [])

  const latestOptions = last.current.options
  const control: ChatKitControl = useMemo(() => ({ options: latestOptions, attach: stable.attach }), [latestOptions, stable])
  return { ...stable.methods, control, ref }
}
