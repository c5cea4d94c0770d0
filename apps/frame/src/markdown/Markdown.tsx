/**
 * The markdown renderer, loaded as its own chunk (marked and the renderer are ~17 KB gzip that the
 * start screen does not need). `preloadMarkdown()` runs once the frame is idle after boot, so the chunk is normally in before
 * the first answer; until it is (or if it fails to load), text shows as plain, wrapped text:
 * readable, nothing lost, nothing interpreted.
 */
import { signal } from '@preact/signals'
import type { FunctionComponent } from 'preact'

type Props = { text: string; streaming?: boolean }

const view = signal<FunctionComponent<Props> | null>(null)
let loading: Promise<void> | null = null

/** Starts loading the renderer once; a failed load is tried again on the next render. */
export function preloadMarkdown(): Promise<void> {
  return (loading ??= import('./MarkdownView.js').then(
    (m) => {
      view.value = m.Markdown
      // Warm the markdown path while the page is idle, not in the first answer (warm-up.tsx).
      if (typeof requestIdleCallback === 'function') m.whenShown(window, () => m.warmUp())
    },
    () => void (loading = null),
  ))
}

/** Renders markdown `text` safely (see MarkdownView.tsx); `streaming`: the text may still grow. */
export function Markdown(props: Props) {
  const View = view.value
  if (View) return <View {...props} />
  void preloadMarkdown()
  return <div class="ck-md ck-md-plain">{props.text}</div>
}
