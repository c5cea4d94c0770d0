// Primitives every feature may use, and that import no feature: icons (the set is a lazy chunk),
// the one lazy-component helper, the frame scheduler (frames, idle time), and the IME-safe Enter
// of every text input.
export { Icon, iconLabel } from './icons.js'
export { lazyComponent } from './lazy.js'
export { afterFirstContent, holdForFirstContent } from './answer-first.js'
export { delay, perAnimationFrame, whenIdle, type Scheduler } from './schedule.js'
export { loadOnce } from './load-once.js'
export { scrollRegion } from './scroll-region.js'
export { isSendKey } from './keys.js'
