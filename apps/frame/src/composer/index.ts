// The composer's door. Its lazy parts (mention chips, suggestion menu, dictation) are fetched by
// `Composer.tsx` itself and are not re-exported here, so they stay out of the first load.
export { composerValue, dictation, focusRequest, mentions, requestFocus, selectedModel, selectedTool } from './store.js'
export { hasExtras, withExtras, withModel, type RunExtras } from './run-extras.js'
export { effectiveModel, validModels, validTools } from './Toolbar.js'
export { Composer, type ComposerHost, type ComposerProps, type Draft } from './Composer.js'
