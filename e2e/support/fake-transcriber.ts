/**
 * A local stand-in for an OpenAI-compatible transcription server: `POST /v1/audio/transcriptions`
 * with the real multipart/form-data body, parsed for real (WHATWG `formData()`), checked the way a
 * real server checks it (bearer key, `model`, a `file` part holding a WAVE file), answering
 * `{"text": …}` or the OpenAI error shape. Listens on a free port; records what it received.
 */
import { createServer, type Server } from 'node:http'

type ReceivedAudio = { model: string; language: string | null; responseFormat: string | null; fileName: string; fileType: string; bytes: Uint8Array }

export type FakeTranscriber = {
  /** The base URL to configure (`…/v1`). */
  baseUrl: string
  received: ReceivedAudio[]
  /** What the next requests get: the text to answer, or an HTTP failure. */
  answer: { text: string } | { status: number }
  close(): Promise<void>
}

export async function startFakeTranscriber(o: { apiKey: string; model: string; text?: string }): Promise<FakeTranscriber> {
  const fake: FakeTranscriber = { baseUrl: '', received: [], answer: { text: o.text ?? 'hello from the fake transcriber' }, close: () => closeIt(server) }
  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    const refuse = (status: number, message: string) => reply(status, { error: { message, type: 'invalid_request_error', param: null, code: null } })
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    if (req.method !== 'POST' || req.url !== '/v1/audio/transcriptions') return refuse(404, `no route ${req.method} ${req.url}`)
    if (req.headers.authorization !== `Bearer ${o.apiKey}`) return refuse(401, 'Incorrect API key provided')
    let form: FormData
    try {
      form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      }).formData()
    } catch (e) {
      return refuse(400, `the body is not multipart/form-data: ${(e as Error).message}`)
    }
    const model = form.get('model')
    if (model !== o.model) return refuse(400, `model: expected "${o.model}", got ${JSON.stringify(model)}`)
    const file = form.get('file')
    if (!(file instanceof File) || !file.name) return refuse(400, 'file: expected a file part with a file name')
    const bytes = new Uint8Array(await file.arrayBuffer())
    const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
    if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return refuse(400, 'file: not a WAVE file')
    fake.received.push({
      model,
      language: form.get('language') as string | null,
      responseFormat: form.get('response_format') as string | null,
      fileName: file.name,
      fileType: file.type,
      bytes,
    })
    const a = fake.answer
    if ('status' in a) return reply(a.status, { error: { message: 'the fake transcriber was told to fail', type: 'server_error', param: null, code: null } })
    reply(200, { text: a.text })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  fake.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`
  return fake
}

function closeIt(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((r) => server.close(() => r()))
}

/** A tone (or silence, amplitude 0) as 16 kHz mono 16-bit PCM samples. */
export function tone(seconds: number, amplitude = 0.5, hz = 440, rate = 16_000): Int16Array {
  const pcm = new Int16Array(Math.round(seconds * rate))
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * amplitude * 32767)
  return pcm
}
