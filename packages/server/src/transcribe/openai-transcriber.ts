import { TranscriptionError, type Transcriber } from './types.js'

export type OpenAITranscriberOptions = {
  /** Default `https://api.openai.com/v1`; a local whisper server: its `/v1`. `/audio/transcriptions` is appended. */
  baseUrl?: string
  apiKey?: string
  /** Default `whisper-1`. */
  model?: string
  fetch?: typeof fetch
}

/**
 * The built-in transcriber: any OpenAI-compatible `POST {baseUrl}/audio/transcriptions`
 * (OpenAI, Groq, a local faster-whisper or whisper.cpp server, vLLM) with the standard
 * multipart/form-data body: `file`, `model`, `response_format=json`, and `language` when known.
 * An upstream error is a `TranscriptionError` naming only its HTTP status; the details go to `cause`.
 */
export function createOpenAITranscriber(options: OpenAITranscriberOptions = {}): Transcriber {
  const url = `${(options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/audio/transcriptions`
  const model = options.model ?? 'whisper-1'
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a))
  return {
    async transcribe(input) {
      const form = new FormData()
      form.append('file', new Blob([input.audio], { type: input.mimeType }), input.fileName)
      form.append('model', model)
      form.append('response_format', 'json')
      if (input.language) form.append('language', input.language)
      let res: Response
      try {
        res = await doFetch(url, {
          method: 'POST',
          body: form,
          headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
          signal: input.signal,
        })
      } catch (e) {
        if (input.signal.aborted) throw e
        throw new TranscriptionError('the transcription service cannot be reached', { cause: e })
      }
      const body = await res.text().catch(() => '')
      if (!res.ok)
        throw new TranscriptionError(`the transcription service answered HTTP ${res.status}`, {
          cause: new Error(`${url}: HTTP ${res.status} ${body.slice(0, 500)}`),
        })
      let text: unknown
      try {
        text = (JSON.parse(body) as { text?: unknown }).text
      } catch {
        text = undefined
      }
      if (typeof text !== 'string')
        throw new TranscriptionError('the transcription service answered without text', { cause: new Error(`${url}: ${body.slice(0, 500)}`) })
      return { text }
    },
  }
}
