// The conversation's on-demand extras, in one chunk (one file in the first load's preload map
// rather than six): "Ask about this" and the composer's quote, the Export menu, what a user's own
// message was sent with, a tool step's files and the model menu with avatars. Each is fetched by
// its lazy component on first use.
export { AskAbout } from '../selection/AskAbout.js'
export { QuoteChip } from '../selection/QuoteChip.js'
export { ExportMenu } from '../export/ExportMenu.js'
export { OwnExtras } from '../message/OwnExtras.js'
export { FileList } from '../message/FileList.js'
export { ModelMenu } from '../composer/ModelMenu.js'
