export { WidgetItem } from './Widget.js'
