/** The dictation chunk: loaded when the composer first shows the mic button (`composer.dictation.enabled`). */
export { DictateButton } from './DictateButton.js'
export { DictationBar } from './DictationBar.js'
