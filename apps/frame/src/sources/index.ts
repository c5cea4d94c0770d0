// The sources chunk: citation cards, the sources list and suggestion chips load with the first
// answer that has them (message/answer-extras.ts), never with the frame's first load.
export { Citation } from './Citation.js'
export { SourcesList } from './SourcesList.js'
export { Suggestions } from './Suggestions.js'
