/**
 * Renders its children into a container at the end of <body> (a layer above the thread):
 * messages skip layout offscreen (`content-visibility`), which would contain a fixed panel.
 * Written with `render` instead of preact/compat's portal, which would pull compat into the
 * frame's shared chunk.
 */
import { render, type ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'

export function BodyLayer({ children }: { children: ComponentChildren }) {
  const [host] = useState(() => document.createElement('div'))
  useEffect(() => {
    document.body.append(host)
    return () => {
      render(null, host)
      host.remove()
    }
  }, [host])
  // biome-ignore lint/complexity/noUselessFragments: preact's render() takes one ComponentChild; children may be an array
  useEffect(() => render(<>{children}</>, host))
  return null
}
