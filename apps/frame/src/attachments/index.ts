// The attachments folder's door: the tray's state (`store.ts`) and the file rules the composer
// applies. The tray's UI (`Tray.tsx`) and the uploader (`upload.ts`) are lazy chunks fetched with
// `import()`; only the uploaded file's type passes through here.
export { AttachmentTray } from './store.js'
export type { UploadedFile } from './upload.js'
export { acceptAttribute, type AttachmentRules } from './validate.js'
