/**
 * `displayMode: 'pet'` and the `pet` option (XpertAI's floating assistant): a character over the
 * page that opens and closes the chat in a panel beside it (`displayMode: 'pet'`), or, with the
 * chat inline, a companion that focuses it. Draggable by pointer and by arrow keys, kept inside
 * the viewport, its place remembered (localStorage on the host page). It reacts to the chat
 * (`behavior: 'auto'`). The `<xpertai-chatkit>` element loads this file only when a page uses a pet.
 */
import { ChatKitError } from '@xpert-ai/chatkit-protocol'
import type { ChatKitOptions, ErrorCode } from '@xpert-ai/chatkit-protocol'
import type { ChatKitElement } from './element.js'
import { dispatchChatKitEvent } from './events.js'
import { floatingToggle } from './floating.js'
import type { Toggle } from './floating.js'
import { createArt } from './pet-art.js'
import type { Art } from './pet-art.js'
import { petConfig } from './pet-options.js'
import type { PetConfig } from './pet-options.js'
import { clamp, loadPosition, panelSpot, pinned, savePosition } from './pet-place.js'
import type { Point } from './pet-place.js'
import { PET_CSS } from './pet-style.js'

type Pet = { update(config: PetConfig): void; remove(): void }
const pets = new WeakMap<ChatKitElement, Pet>()
let sheet: CSSStyleSheet | undefined

/** Called by the element on every `setOptions` once a page used a pet: shows, updates or removes this element's pet. */
export function pet(el: ChatKitElement, options: ChatKitOptions): void {
  const { config, problems } = petConfig(options)
  const report = (code: ErrorCode, message: string) => dispatchChatKitEvent(el, 'error', { error: new ChatKitError(code, message) })
  if (problems.length) report('invalid_options', problems.join('; '))
  let p = pets.get(el)
  try {
    if (!config) return void p?.remove()
    if (!p) pets.set(el, (p = mountPet(el)))
    p.update(config)
  } catch (e) {
    // Never at the chat's expense: the element goes on to mount its frame (shown inline).
    p?.remove()
    report('not_supported', `the pet cannot be shown in this browser: ${(e as Error)?.message ?? e}`)
  }
}

const STEP = 10
const KEYS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }
const view = () => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight })

function mountPet(el: ChatKitElement): Pet {
  const root = el.shadowRoot!
  const button = document.createElement('button')
  const art = document.createElement('span')
  button.type = 'button'
  button.className = 'ck-pet'
  button.setAttribute('part', 'pet')
  button.append(art)
  root.prepend(button)
  if (root.adoptedStyleSheets) {
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(PET_CSS)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
  } else button.insertAdjacentHTML('afterend', `<style data-pet>${PET_CSS}</style>`)

  let config!: PetConfig
  let pos: Point | undefined
  let toggle: Toggle | undefined
  let animation: Art | undefined
  let look = ''
  let drag: { x: number; y: number; from: Point; moved: boolean } | undefined
  /** At its pin (not moved by the user, not restored): a resized window moves it to the new spot. */
  let anchored = true
  let swallowClick = false
  const iframe = () => root.querySelector('iframe')
  const size = () => ({ width: config.width, height: config.height })
  const auto = (name: Parameters<Art['play']>[0], once?: boolean) => config.behavior === 'auto' && animation?.play(name, once)

  const place = () => {
    button.style.left = pos!.x + 'px'
    button.style.top = pos!.y + 'px'
    const frame = iframe()
    if (config.mode !== 'panel' || !toggle?.open || !frame) return
    const r = frame.getBoundingClientRect()
    const spot = panelSpot(pos!, size(), { width: r.width, height: r.height }, view())
    frame.style.left = spot.x + 'px'
    frame.style.top = spot.y + 'px'
  }
  const moveTo = (p: Point, save: boolean) => {
    if (save) anchored = false
    pos = clamp(anchored ? pinned(config.pin, size(), view(), config.padding) : p, size(), view(), config.padding)
    place()
    if (save && config.persist) savePosition(pos)
  }
  const show = (open: boolean) => {
    el.toggleAttribute('data-pet-open', open)
    place()
    if (open) auto('waving', true)
  }
  let hadFrame = false
  const link = () => {
    const frame = iframe()
    if (!frame) return
    hadFrame = true
    frame.style.zIndex = String(config.zIndex + 1)
    if (config.mode !== 'panel') return
    frame.id ||= 'ck-pet-panel'
    button.setAttribute('aria-controls', frame.id)
  }

  const onClick = () => {
    if (swallowClick) return void (swallowClick = false)
    if (toggle) toggle.set(!toggle.open)
    else void el.focusComposer().catch(() => {})
  }
  const onPointerDown = (e: PointerEvent) => {
    swallowClick = false
    if (!config.draggable || e.button !== 0) return
    drag = { x: e.clientX, y: e.clientY, from: pos!, moved: false }
    button.setPointerCapture?.(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent) => {
    if (!drag) return
    const dx = e.clientX - drag.x
    const dy = e.clientY - drag.y
    if (!drag.moved && Math.hypot(dx, dy) < 4) return
    if (!drag.moved) button.toggleAttribute('data-dragging', (drag.moved = true))
    const before = pos!.x
    anchored = false
    moveTo({ x: drag.from.x + dx, y: drag.from.y + dy }, false)
    if (pos!.x !== before) auto(pos!.x > before ? 'running-right' : 'running-left')
  }
  const onPointerUp = () => {
    if (drag?.moved) {
      swallowClick = true // the click this release fires ends a drag, it does not open the chat
      button.removeAttribute('data-dragging')
      moveTo(pos!, true)
      auto('idle')
    }
    drag = undefined
  }
  const onKey = (e: KeyboardEvent) => {
    const k = KEYS[e.key]
    if (!k || !config.draggable) return
    e.preventDefault()
    const step = e.shiftKey ? STEP * 5 : STEP
    moveTo({ x: pos!.x + k[0] * step, y: pos!.y + k[1] * step }, true)
  }
  const onResize = () => moveTo(pos!, false)
  const chatEvents: [string, () => void][] = [
    ['chatkit.response.start', () => auto('running')],
    ['chatkit.response.end', () => auto('jumping', true)],
    ['chatkit.response.stop', () => auto('idle')],
    ['chatkit.error', () => auto('failed', true)],
  ]
  button.addEventListener('click', onClick)
  button.addEventListener('pointerdown', onPointerDown)
  button.addEventListener('pointermove', onPointerMove)
  button.addEventListener('pointerup', onPointerUp)
  button.addEventListener('pointercancel', onPointerUp)
  button.addEventListener('keydown', onKey)
  addEventListener('resize', onResize)
  for (const [name, f] of chatEvents) el.addEventListener(name, f)
  // The element's iframe arrives after the first options (and leaves on destroy(), taking the pet with it).
  const watch = new MutationObserver(() => (iframe() ? link() : hadFrame && remove()))
  watch.observe(root, { childList: true })

  function remove() {
    watch.disconnect()
    toggle?.off()
    animation?.stop()
    button.remove()
    root.querySelector('style[data-pet]')?.remove()
    if (root.adoptedStyleSheets) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet)
    removeEventListener('resize', onResize)
    for (const [name, f] of chatEvents) el.removeEventListener(name, f)
    el.removeAttribute('data-pet')
    el.removeAttribute('data-pet-open')
    iframe()?.style.removeProperty('left')
    iframe()?.style.removeProperty('top')
    iframe()?.style.removeProperty('z-index')
    pets.delete(el)
  }

  return {
    remove,
    update(next) {
      const first = !pos
      const pinChanged = !first && next.pin !== config.pin
      config = next
      el.setAttribute('data-pet', next.mode)
      button.setAttribute('aria-label', next.ariaLabel)
      button.toggleAttribute('data-draggable', next.draggable)
      if (next.draggable) button.setAttribute('aria-keyshortcuts', 'ArrowUp ArrowDown ArrowLeft ArrowRight')
      else button.removeAttribute('aria-keyshortcuts')
      button.style.width = next.width + 'px'
      button.style.height = next.height + 'px'
      button.style.zIndex = String(next.zIndex)
      // A new picture only when it changed (an animation in progress keeps running otherwise).
      const nextLook = JSON.stringify([next.sprite, next.imageRendering])
      if (nextLook !== look) {
        animation?.stop()
        animation = createArt(art, next)
        look = nextLook
      }
      if (next.behavior === 'manual' && animation!.current !== 'idle') animation!.play('idle')
      if (next.mode === 'panel' && !toggle) toggle = floatingToggle(button, el, show, [button])
      if (next.mode !== 'panel' && toggle) {
        el.removeAttribute('data-pet-open')
        toggle.off()
        toggle = undefined
        button.removeAttribute('aria-expanded')
        button.removeAttribute('aria-controls')
      }
      link()
      const saved = first && next.persist ? loadPosition() : null
      if (first || pinChanged) anchored = !saved
      moveTo(saved ?? pos ?? { x: 0, y: 0 }, false)
      // A new pin from the page wins over where the user left the pet under the old one.
      if (pinChanged) savePosition(null)
    },
  }
}
