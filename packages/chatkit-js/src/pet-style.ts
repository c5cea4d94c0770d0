/** The pet's stylesheet (constructable, so it works under a host CSP without `style-src 'unsafe-inline'`). */
import { PANEL_CSS } from './floating.js'

const SPIN = 'animation:ck-pet-'
export const PET_CSS = [
  '.ck-pet{position:fixed;left:0;top:0;margin:0;padding:0;border:0;background:none;cursor:pointer;touch-action:none;border-radius:14px;-webkit-tap-highlight-color:transparent;user-select:none}',
  '.ck-pet:focus-visible{outline:3px solid #2f6bff;outline-offset:3px}',
  '.ck-pet[data-draggable]{cursor:grab}.ck-pet[data-dragging]{cursor:grabbing}',
  '.ck-pet>span{display:block;width:100%;height:100%;pointer-events:none}',
  // displayMode 'pet': the element takes no room in the page; the chat is a panel beside the pet.
  ':host([data-pet=panel]){display:contents}',
  `:host([data-pet=panel]) iframe{position:fixed;${PANEL_CSS}}`,
  ':host([data-pet=panel]:not([data-pet-open])) iframe{display:none}',
  // The built-in character's moves (a sprite sheet is stepped by script instead).
  '@keyframes ck-pet-bob{50%{transform:translateY(-6%)}}',
  '@keyframes ck-pet-tilt{50%{transform:rotate(var(--ck-pet-tilt,8deg)) translateY(-4%)}}',
  '@keyframes ck-pet-jump{40%{transform:translateY(-22%)}}',
  '@keyframes ck-pet-shake{25%{transform:translateX(-5%)}75%{transform:translateX(5%)}}',
  `[data-animation=idle] svg{${SPIN}bob 2.4s ease-in-out infinite}`,
  `[data-animation=waiting] svg,[data-animation=review] svg{${SPIN}bob 1.2s ease-in-out infinite}`,
  `[data-animation=running] svg{${SPIN}bob .5s ease-in-out infinite}`,
  `[data-animation=running-right] svg{${SPIN}tilt .4s infinite}`,
  `[data-animation=running-left] svg{--ck-pet-tilt:-8deg;${SPIN}tilt .4s infinite}`,
  `[data-animation=waving] svg{${SPIN}tilt .3s 3}`,
  `[data-animation=jumping] svg{${SPIN}jump .45s 2}`,
  `[data-animation=failed] svg{${SPIN}shake .15s 6}`,
  '@media (prefers-reduced-motion:reduce){.ck-pet svg{animation:none!important}}',
].join('')
