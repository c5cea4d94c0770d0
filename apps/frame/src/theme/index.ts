export { applyTheme } from './apply.js'
