/**
 * A small inline-SVG icon set for the icon names of the options (header actions, prompts, tools).
 * Several names share a drawing; an unknown name falls back to a neutral dot so a typo never
 * breaks the layout. Icons are decorative (`aria-hidden`): the button around them carries the label.
 */
import { signal } from '@preact/signals'
import { afterFirstContent } from './answer-first.js'

/** Drawings the frame's own buttons use, available at once. */
const CORE: Record<string, string> = {
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 3',
  compose: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  close: 'M6 6l12 12M18 6 6 18',
  write: 'M4 20h4L19 9l-4-4L4 16z',
  paperclip: 'M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L14 7',
  fallback: 'M12 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
}

const set = signal<typeof import('./icon-set.js') | null>(null)
let loading = false

function pathFor(name: string): string {
  if (CORE[name]) return CORE[name]
  const s = set.value
  if (!s && !loading) {
    loading = true
    afterFirstContent(() => import('./icon-set.js'))().then(
      (m) => (set.value = m),
      () => (loading = false),
    )
  }
  return s?.P[s.ALIASES[name] ?? ''] || CORE.fallback
}

export function Icon({ name, size = 18 }: { name: string | undefined; size?: number }) {
  const d = pathFor(name ?? '')
  return (
    <svg class="ck-icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  )
}

/** A readable label for an icon name when the host gives none: `settings-cog` → `settings cog`. */
export const iconLabel = (name: string) => name.replace(/[-_]+/g, ' ').trim()
