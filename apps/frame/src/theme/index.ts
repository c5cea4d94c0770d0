export { applyTheme } from './apply.js'
export { themeVars, themeObject, type ThemeVars } from './tokens.js'
export { fontFaceCss, cssString } from './fonts.js'
export { contrast, parseColor } from './color.js'
