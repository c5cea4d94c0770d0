/**
 * The pet's picture and its animations: a sprite sheet stepped frame by frame (XpertAI's atlas
 * format), or the built-in character (an SVG moved by CSS keyframes). Under
 * `prefers-reduced-motion: reduce` nothing moves: the first frame of the current animation shows.
 */
import type { ChatKitPetAnimationName } from '@xpert-ai/chatkit-protocol'
import type { PetConfig } from './pet-options.js'

/** The built-in character: a round assistant with a speech-bubble antenna (drawn in its 192 × 208 cell). */
const BUILT_IN_SVG =
  '<svg viewBox="0 0 192 208" width="100%" height="100%" aria-hidden="true"><ellipse cx="96" cy="196" rx="54" ry="9" fill="#000" opacity=".15"/><path d="M96 30c-47 0-76 33-76 80 0 50 31 80 76 80s76-30 76-80c0-47-29-80-76-80z" fill="#2f6bff"/><path d="M60 30a16 16 0 0 1 0-22h40a16 16 0 0 1 0 22l-14 2-8 12-4-12z" fill="#fff" stroke="#2f6bff" stroke-width="5"/><ellipse cx="70" cy="104" rx="12" ry="16" fill="#fff"/><ellipse cx="122" cy="104" rx="12" ry="16" fill="#fff"/><circle cx="73" cy="108" r="7" fill="#14224d"/><circle cx="125" cy="108" r="7" fill="#14224d"/><path d="M78 142q18 14 36 0" stroke="#fff" stroke-width="7" fill="none" stroke-linecap="round"/></svg>'

/** How long a one-shot of the built-in character lasts (its CSS keyframes). */
const BUILT_IN_ONCE_MS = 900

export type Art = {
  /** Plays `name`: looping, or once and then back to idle. */
  play(name: ChatKitPetAnimationName, once?: boolean): void
  readonly current: ChatKitPetAnimationName
  stop(): void
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches

export function createArt(art: HTMLElement, config: PetConfig): Art {
  const sprite = config.sprite
  let timer: ReturnType<typeof setTimeout> | undefined
  let current: ChatKitPetAnimationName = 'idle'
  art.style.imageRendering = config.imageRendering
  if (sprite) {
    const { columns, rows } = sprite.atlas
    art.textContent = ''
    art.style.backgroundImage = `url(${JSON.stringify(sprite.src)})`
    art.style.backgroundSize = `${columns * 100}% ${rows * 100}%`
    art.style.backgroundRepeat = 'no-repeat'
  } else {
    art.removeAttribute('style')
    art.innerHTML = BUILT_IN_SVG
  }
  const frame = (row: number, col: number) => {
    const { columns, rows } = sprite!.atlas
    art.style.backgroundPosition = `${columns > 1 ? (col / (columns - 1)) * 100 : 0}% ${rows > 1 ? (row / (rows - 1)) * 100 : 0}%`
  }
  const play = (name: ChatKitPetAnimationName, once = false) => {
    clearTimeout(timer)
    current = name
    art.dataset.animation = name
    const back = () => play('idle')
    if (!sprite) {
      if (once) timer = setTimeout(back, BUILT_IN_ONCE_MS)
      return
    }
    const { row, frames, frameDurations } = sprite.atlas.animations[name]
    const still = reducedMotion()
    let i = 0
    const step = () => {
      frame(row, i)
      const ms = frameDurations[i % frameDurations.length]
      if (++i >= frames) {
        if (once) return void (timer = setTimeout(back, ms))
        i = 0
      }
      if (!still) timer = setTimeout(step, ms)
      else if (once)
        timer = setTimeout(
          back,
          frameDurations.reduce((a, b) => a + b, 0),
        )
    }
    step()
  }
  play('idle')
  return {
    play,
    get current() {
      return current
    },
    stop: () => clearTimeout(timer),
  }
}
