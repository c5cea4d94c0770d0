// The composer's door. Its lazy parts (mention chips, suggestion menu, dictation) are fetched by
// `Composer.tsx` itself and are not re-exported here, so they stay out of the first load.
export { composerValue, requestFocus, selectedModel, selectedTool } from './store.js'
export { hasExtras, withExtras, withModel } from './run-extras.js'
export { effectiveModel, validModels } from './Toolbar.js'
export { Composer, type ComposerHost, type Draft } from './Composer.js'
