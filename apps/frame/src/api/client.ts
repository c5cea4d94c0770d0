import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { errorFromResponse, isAbortError, networkError } from './errors.js'
import type { ClientSecret, ClientSecrets } from './secrets.js'

export type ApiClientConfig = {
  /** Base URL such as `http://127.0.0.1:8787/api/ai` (validated by the options layer). */
  baseUrl: string
  /** `Accept-Language` value. */
  language: string
  /**
   * The host page authenticates the requests itself: `api.fetch` without `api.getClientSecret`
   * (OpenAI's custom backend). No client secret is asked for or sent; a 401 is an error.
   */
  hostAuth?: boolean
  /** `api.domainKey`: sent with every request, with the embedding page's origin the server checks it against. */
  domainKey?: string
  embedder?: string | null
}

export type ApiRequestInit = {
  /** JSON-encoded, except a `Blob`, which is sent as is with its own type (a dictation recording). */
  body?: unknown
  signal?: AbortSignal
  accept?: string
  /** Extra request headers (e.g. `Last-Event-ID`); auth headers always win. */
  headers?: Record<string, string>
}

/**
 * The one place that talks HTTP to the API: base URL, auth headers, JSON bodies, errors, and the
 * refresh-once-on-401 rule. Config is read per request, so `setOptions` takes effect at once.
 */
export class ApiClient {
  readonly #config: () => ApiClientConfig
  readonly #secrets: ClientSecrets
  readonly #fetch: typeof fetch

  constructor(config: () => ApiClientConfig, secrets: ClientSecrets, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
    this.#config = config
    this.#secrets = secrets
    this.#fetch = fetchImpl
  }

  /** Sends a request and returns the 2xx response; anything else throws a `ChatKitError`. */
  async request(method: string, path: string, init: ApiRequestInit = {}): Promise<Response> {
    const what = `${method} ${path.split('?')[0]}`
    const res = await this.#withSecret(
      init.signal,
      (secret) => this.#send(method, path, init, secret, what),
      async (r) => (await errorFromResponse(r)).message,
    )
    if (!res.ok) throw await errorFromResponse(res)
    return res
  }

  /** A JSON request with a JSON answer. */
  async json<T>(method: string, path: string, init: ApiRequestInit = {}): Promise<T> {
    const res = await this.request(method, path, init)
    try {
      return (await res.json()) as T
    } catch (e) {
      if (isAbortError(e)) throw e
      throw networkError(new Error('the response is not valid JSON'), `${method} ${path.split('?')[0]}`)
    }
  }

  /**
   * Runs a request through `send` (an XHR upload, which reports progress where `fetch` cannot)
   * with the same auth headers and the same refresh-on-401 rule as `request`.
   */
  authorized<R extends { status: number }>(path: string, send: (url: string, headers: Record<string, string>) => Promise<R>, signal?: AbortSignal): Promise<R> {
    return this.#withSecret(
      signal,
      (secret) => send(this.#url(path), this.#headers(secret)),
      async () => 'HTTP 401',
    )
  }

  /**
   * The refresh rule. A 401 (expired or unknown secret) asks the host for a new secret once
   * (shared with concurrent callers) and retries. A 401 to a secret fresh from the host means the
   * host's secrets do not work here: that is reported (`ClientSecrets.refused`) and the request
   * waits for the user's Retry rather than failing, so nothing the user sent is lost. Nothing loops
   * on its own: without a Retry, a request is sent at most twice.
   */
  async #withSecret<R extends { status: number }>(
    signal: AbortSignal | undefined,
    attempt: (secret: ClientSecret) => Promise<R>,
    /** The server's reason for a 401, for the report. */
    refusal: (res: R) => Promise<string>,
  ): Promise<R> {
    if (this.#config().hostAuth) return attempt(NO_SECRET)
    let secret = await this.#secrets.get(signal)
    let res = await attempt(secret)
    for (let fresh = false; res.status === 401; fresh = true) {
      if (fresh)
        this.#secrets.refused(
          secret.secret,
          new ChatKitError(ErrorCodes.ClientSecret, `the API refused the secret from api.getClientSecret: ${await refusal(res)}`),
        )
      else await discard(res)
      secret = await this.#secrets.refresh(secret.secret, signal)
      res = await attempt(secret)
    }
    // A 503 naming a service that is down shows the banner; any success clears it (thread/connectivity.ts listens).
    const note = (code?: string) => globalThis.dispatchEvent?.(new CustomEvent(SERVICE_STATUS_EVENT, { detail: { status: res.status, code } }))
    if (res.status === 503 && res instanceof Response)
      res
        .clone()
        .json()
        .then(
          (b) => note(b?.error?.code),
          () => {},
        )
    else note()
    return res
  }

  /** The fetch requests go through (the frame's, or the host page's with `api.fetch`). */
  fetch(url: string, init: RequestInit): Promise<Response> {
    return this.#fetch(url, init)
  }

  /** A path under the API base, or an absolute URL as is (an `uploadStrategy` upload URL). */
  url(path: string): string {
    return this.#url(path)
  }

  #url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : this.#config().baseUrl.replace(/\/+$/, '') + path
  }

  #headers(secret: ClientSecret, accept = 'application/json'): Record<string, string> {
    const { language, domainKey, embedder } = this.#config()
    const headers: Record<string, string> = { 'Accept-Language': language, Accept: accept }
    if (domainKey) {
      headers['x-chatkit-domain-key'] = domainKey
      if (embedder) headers['x-chatkit-embedder'] = embedder
    }
    if (secret !== NO_SECRET) headers.Authorization = `Bearer ${(headers['x-api-key'] = secret.secret)}`
    if (secret.organizationId) headers['organization-id'] = secret.organizationId
    return headers
  }

  async #send(method: string, path: string, init: ApiRequestInit, secret: ClientSecret, what: string) {
    const headers = { ...init.headers, ...this.#headers(secret, init.accept) }
    const blob = init.body instanceof Blob ? init.body : null
    if (init.body !== undefined) headers['Content-Type'] = blob ? blob.type : 'application/json'
    try {
      return await this.#fetch(this.#url(path), {
        method,
        headers,
        body: blob ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
        signal: init.signal,
        // The secret travels in headers only; no cookies are needed or wanted.
        credentials: 'omit',
        cache: 'no-store',
      })
    } catch (e) {
      if (isAbortError(e)) throw e
      throw networkError(e, what)
    }
  }
}

/** Requests the host page authenticates (`hostAuth`) carry no secret. */
const NO_SECRET: ClientSecret = { secret: '' }
/** The window event by which the client reports each response's status (and a 503's code). */
const SERVICE_STATUS_EVENT = 'chatkit:service-status'

/** A response we will not read: release its connection. */
async function discard(res: { status: number }): Promise<void> {
  const body = (res as { body?: unknown }).body
  if (body instanceof ReadableStream) await body.cancel().catch(() => {})
}
