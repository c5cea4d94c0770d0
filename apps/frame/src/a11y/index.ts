// Accessibility helpers' door: the live-region announcer and the visual-viewport follower.
export { Announcer } from './Announcer.js'
export { watchVisualViewport } from './viewport.js'
