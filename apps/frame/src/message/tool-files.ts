/**
 * Option `toolOutputAttachments` (XpertAI ≥ 0.6): the files a tool step produced (its
 * `data.attachments`, see the server's `tool_end` `attachments`) show under the step — unless the
 * host turned it off with `false` or `{enabled: false}`; they then stay in the step's stored data only.
 */
import { isRecord, type ComponentContent } from '@xpert-ai/chatkit-protocol'
import { options } from '../options/index.js'

function showsToolFiles(): boolean {
  const o = options.value?.toolOutputAttachments
  return o !== false && !(isRecord(o) && o.enabled === false)
}

/** Whether this step has files to show (a cheap check: the list itself is read by `FileList`'s caller). */
export const hasToolFiles = (data: ComponentContent['data']): boolean => Array.isArray(data.attachments) && data.attachments.length > 0 && showsToolFiles()
