import { ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { errorFromResponse, isAbortError, networkError } from './errors.js'
import type { ClientSecret, ClientSecrets } from './secrets.js'

export type ApiClientConfig = {
  /** Base URL such as `http://127.0.0.1:8787/api/ai` (validated by the options layer). */
  baseUrl: string
  /** `Accept-Language` value. */
  language: string
}

export type ApiRequestInit = {
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
    const first = await this.#secrets.get()
    let res = await this.#send(method, path, init, first, what)
    if (res.status === 401) {
      // Expired or unknown secret: ask the host once (shared with concurrent callers), retry once.
      await res.body?.cancel().catch(() => {})
      const fresh = await this.#secrets.refresh(first.secret)
      res = await this.#send(method, path, init, fresh, what)
      if (res.status === 401) throw await errorFromResponse(res, ErrorCodes.ClientSecret)
    }
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
   * with the same auth headers and the same refresh-once-on-401 rule as `request`.
   */
  async authorized<R extends { status: number }>(path: string, send: (url: string, headers: Record<string, string>) => Promise<R>): Promise<R> {
    const first = await this.#secrets.get()
    const res = await send(this.#url(path), this.#headers(first))
    if (res.status !== 401) return res
    const fresh = await this.#secrets.refresh(first.secret)
    return send(this.#url(path), this.#headers(fresh))
  }

  #url(path: string): string {
    return this.#config().baseUrl.replace(/\/+$/, '') + path
  }

  #headers(secret: ClientSecret, accept = 'application/json'): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${secret.secret}`,
      'x-api-key': secret.secret,
      'Accept-Language': this.#config().language,
      Accept: accept,
    }
    if (secret.organizationId) headers['organization-id'] = secret.organizationId
    return headers
  }

  async #send(method: string, path: string, init: ApiRequestInit, secret: ClientSecret, what: string) {
    const headers = { ...init.headers, ...this.#headers(secret, init.accept) }
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    try {
      return await this.#fetch(this.#url(path), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
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
