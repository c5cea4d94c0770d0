/**
 * Where the pet sits: pinned spots, kept inside the viewport minus the bounds padding, remembered
 * in the host page's localStorage (XpertAI's key), and where the chat panel opens beside it.
 */
import type { ChatKitPetPin } from '@xpert-ai/chatkit-protocol'
import type { Padding } from './pet-options.js'

export type Point = { x: number; y: number }
export type Size = { width: number; height: number }

/** XpertAI's key (`DEFAULT_PET_STORAGE_KEY`), so a page switching SDKs keeps its users' pet where they left it. */
const STORAGE_KEY = 'chatkit:pet:position:v1'

export function clamp(p: Point, size: Size, view: Size, pad: Padding): Point {
  const maxX = Math.max(pad.left, view.width - size.width - pad.right)
  const maxY = Math.max(pad.top, view.height - size.height - pad.bottom)
  return { x: Math.round(Math.min(maxX, Math.max(pad.left, p.x))), y: Math.round(Math.min(maxY, Math.max(pad.top, p.y))) }
}

/** The spot `pin` names (`bottom-right` for null), inside the padding. */
export function pinned(pin: ChatKitPetPin | null, size: Size, view: Size, pad: Padding): Point {
  const spot = pin ?? 'bottom-right'
  const v = /top|bottom/.exec(spot)?.[0]
  const h = /left|right/.exec(spot)?.[0]
  const x = h === 'left' ? pad.left : h === 'right' ? view.width - size.width - pad.right : (view.width - size.width) / 2
  const y = v === 'top' ? pad.top : v === 'bottom' ? view.height - size.height - pad.bottom : (view.height - size.height) / 2
  return clamp({ x, y }, size, view, pad)
}

export function loadPosition(): Point | null {
  try {
    const p = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Point | null
    return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : null
  } catch {
    return null // storage blocked (privacy mode, sandboxed page) or not ours: start at the pin
  }
}

/** Remembers `p`, or forgets the position (`null`). */
export function savePosition(p: Point | null): void {
  try {
    if (p) localStorage.setItem(STORAGE_KEY, JSON.stringify(p))
    else localStorage.removeItem(STORAGE_KEY)
  } catch {}
}

/**
 * The panel's top-left corner, beside the pet without covering it: above it if the panel fits
 * there, else below, else to its side (towards the middle of the page); edges aligned with the pet
 * towards the page's middle; always inside the viewport with an 8 px margin (on a screen too small
 * for both, the panel wins).
 */
export function panelSpot(pet: Point, petSize: Size, panel: Size, view: Size): Point {
  const gap = 12
  const m = 8
  const onRight = pet.x + petSize.width / 2 > view.width / 2
  const aligned = onRight ? pet.x + petSize.width - panel.width : pet.x
  const above = pet.y - gap - panel.height
  const below = pet.y + petSize.height + gap
  let spot: Point
  if (above >= m) spot = { x: aligned, y: above }
  else if (below + panel.height <= view.height - m) spot = { x: aligned, y: below }
  else spot = { x: onRight ? pet.x - gap - panel.width : pet.x + petSize.width + gap, y: pet.y + petSize.height / 2 - panel.height / 2 }
  return clamp(spot, panel, view, { top: m, right: m, bottom: m, left: m })
}
