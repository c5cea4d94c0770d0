// The options folder's door: the validated options as signals (`store.ts`), their validation and
// the checks `setOptions` runs. The list of refused options (`refusals.ts`) is a lazy chunk,
// fetched with `import()` only when an option may be refused.
export { apiOriginIssue } from './api-origin.js'
export { maybeRefused } from './maybe-refused.js'
export { apiSettings, applyOptions, colorScheme, hasCallback, issues, options, rememberSessionAssistant, requestOptions, type FrameOptions } from './store.js'
export { validateOptions } from './validate.js'
