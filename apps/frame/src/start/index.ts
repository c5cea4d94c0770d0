// The start screen's door: greeting, prompts and the disclaimer.
export { Disclaimer } from './Disclaimer.js'
export { StartScreen, usablePrompts } from './StartScreen.js'
