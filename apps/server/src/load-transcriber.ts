import { isTranscriber, type Transcriber } from '@xpert-ai/chatkit-server'
import { importUserModule } from './load-agent.js'

/**
 * Loads a user's transcriber module (`--transcriber ./my-transcriber.js`): its default export (or a
 * named `transcriber` export) is `{ async transcribe(input) { return { text } } }`. Like an agent
 * module, it may import `@xpert-ai/chatkit-server` (e.g. `TranscriptionError`) from any folder.
 */
export async function loadTranscriberModule(path: string): Promise<Transcriber> {
  const mod = await importUserModule('--transcriber', path)
  const candidate = mod.default ?? mod.transcriber
  if (!isTranscriber(candidate))
    throw new Error(`--transcriber ${path}: export a transcriber as default: export default { async transcribe(input) { return { text: '…' } } }`)
  return candidate
}
