export { WidgetItem, type WidgetProps } from './Widget.js'
export { widgetProblem, LIMITS } from './validate.js'
export { formValues } from './form.js'
