/**
 * A small inline-SVG icon set for the icon names of the options (header actions, prompts, tools).
 * Several names share a drawing; an unknown name falls back to a neutral dot so a typo never
 * breaks the layout. Icons are decorative (`aria-hidden`): the button around them carries the label.
 */
const P = {
  sidebarL: 'M4 5h16v14H4zM9 5v14',
  sidebarR: 'M4 5h16v14H4zM15 5v14',
  chevL: 'M14 6l-6 6 6 6',
  chevR: 'M10 6l6 6-6 6',
  dchevL: 'M12 6l-6 6 6 6M18 6l-6 6 6 6',
  dchevR: 'M6 6l6 6-6 6M12 6l6 6-6 6',
  home: 'M4 11l8-7 8 7v9h-5v-6H9v6H4z',
  back: 'M19 12H5m6-6-6 6 6 6',
  expand: 'M14 4h6v6M10 20H4v-6M20 4l-7 7M4 20l7-7',
  collapse: 'M4 14h6v6M20 10h-6V4M10 14l-7 7M14 10l7-7',
  star: 'M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.3L12 17.5 6.5 20.4l1-6.3L3 9.7l6.2-.9z',
  chat: 'M4 5h16v11H9l-5 4z',
  cog: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM12 2v3m0 14v3M2 12h3m14 0h3M5 5l2 2m10 10 2 2M5 19l2-2M17 7l2-2',
  grid: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z',
  dotsH: 'M5 12h.01M12 12h.01M19 12h.01',
  dotsV: 'M12 5h.01M12 12h.01M12 19h.01',
  menu: 'M4 7h16M4 12h16M4 17h16',
  compose: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  sun: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2m0 16v2M2 12h2m16 0h2M5 5l1.5 1.5m11 11L19 19M5 19l1.5-1.5m11-11L19 5',
  moon: 'M20 14A8 8 0 1 1 10 4a6 6 0 0 0 10 10z',
  close: 'M6 6l12 12M18 6 6 18',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 3',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4',
  sparkle: 'M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z',
  bolt: 'M13 2 4 14h7l-1 8 9-12h-7z',
  book: 'M4 5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2zM4 5v16',
  globe: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  bulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-4 10.5V16h8v-2.5A6 6 0 0 0 12 3z',
  chart: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3',
  code: 'M4 4h16v16H4zM10 9l-3 3 3 3M14 9l3 3-3 3',
  image: 'M4 4h16v16H4zM4 16l5-5 4 4 3-3 4 4M15 8h.01',
  text: 'M4 4h16v16H4zM8 9h8M8 13h8M8 17h5',
  pencil: 'M4 20h4L19 9l-4-4L4 16z',
  user: 'M12 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM4 21a8 8 0 0 1 16 0',
  question: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.7M12 17h.01',
  pin: 'M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12zM12 7a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4',
  cube: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12 4 7.5',
  paperclip: 'M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L14 7',
  fallback: 'M12 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
}

const ALIASES: Record<string, keyof typeof P> = {
  'sidebar-left': 'sidebarL', 'sidebar-open-left': 'sidebarL', 'sidebar-open-left-alt': 'sidebarL', 'sidebar-floating-left': 'sidebarL',
  'sidebar-floating-open-left': 'sidebarL', 'sidebar-collapse-left': 'sidebarL', 'sidebar-right': 'sidebarR', 'sidebar-open-right': 'sidebarR',
  'sidebar-open-right-alt': 'sidebarR', 'sidebar-floating-right': 'sidebarR', 'sidebar-floating-open-right': 'sidebarR', 'sidebar-collapse-right': 'sidebarR',
  'collapse-left': 'chevL', 'open-left': 'chevL', 'collapse-right': 'chevR', 'open-right': 'chevR', 'double-chevron-left': 'dchevL', 'double-chevron-right': 'dchevR',
  home: 'home', 'home-alt': 'home', 'back-small': 'back', 'back-large': 'back', 'expand-large': 'expand', 'expand-small': 'expand',
  'collapse-large': 'collapse', 'collapse-small': 'collapse', star: 'star', 'star-filled': 'star', 'chat-temporary': 'chat', 'settings-cog': 'cog',
  grid: 'grid', 'dots-horizontal': 'dotsH', 'dots-horizontal-circle': 'dotsH', 'dots-vertical': 'dotsV', 'dots-vertical-circle': 'dotsV',
  menu: 'menu', 'menu-inverted': 'menu', hamburger: 'menu', compose: 'compose', 'light-mode': 'sun', 'dark-mode': 'moon', close: 'close',
  history: 'history', search: 'search', sparkle: 'sparkle', 'sparkle-double': 'sparkle', agent: 'sparkle', atom: 'sparkle', bolt: 'bolt',
  'book-open': 'book', 'book-closed': 'book', notebook: 'book', 'notebook-pencil': 'book', globe: 'globe', compass: 'globe', lightbulb: 'bulb',
  analytics: 'chart', chart: 'chart', batch: 'grid', 'square-code': 'code', bug: 'code', lab: 'bolt', images: 'image', 'square-image': 'image',
  'square-text': 'text', 'page-blank': 'text', write: 'pencil', 'write-alt': 'pencil', 'write-alt2': 'pencil', profile: 'user', 'profile-card': 'user',
  name: 'user', 'circle-question': 'question', lifesaver: 'question', 'map-pin': 'pin', calendar: 'calendar', cube: 'cube', suitcase: 'cube',
  keys: 'cube', paperclip: 'paperclip',
}

export function Icon({ name, size = 18 }: { name: string | undefined; size?: number }) {
  const d = P[ALIASES[name ?? ''] ?? 'fallback']
  return (
    <svg class="ck-icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  )
}

/** A readable label for an icon name when the host gives none: `settings-cog` → `settings cog`. */
export const iconLabel = (name: string) => name.replace(/[-_]+/g, ' ').trim()
