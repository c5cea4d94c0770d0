/**
 * The frame's one send path. Every user message — the composer's Send, a start-screen prompt, the
 * host's `sendUserMessage`, an MCP App's message — goes through `send`: it asks the host for a
 * session again when the last attempt failed (sending again is also a Retry), then hands the text
 * to `ThreadController.send`, which sends it or queues it while an answer streams (queued
 * follow-ups leave the queue through that same method). Retries, resumes and actions are runs of
 * what is already in the thread: they start in the controller's one `start` (`thread/run.ts`).
 */
import type { RunRequest } from '@xpert-ai/chatkit-protocol'
import { type Draft, hasExtras, withExtras } from '../composer/index.js'
import type { ThreadController } from '../thread/index.js'

type SendOptions = { newThread?: boolean; extend?: (body: RunRequest) => RunRequest }

export type SendPath = {
  /** Sends (or queues) `text`; throws when it cannot be sent now (the host's call rejects with it). */
  send(text: string, opts?: SendOptions): void
  /** `send` for the frame's own UI: a refusal is reported (an `error` event) and answered false. */
  sendReported(text: string, opts?: SendOptions): boolean
  /** A composer draft (text plus files, tool, mentions); false when it cannot be sent now. */
  sendDraft(draft: Draft): boolean
}

type SendDeps = {
  controller: ThreadController
  retrySession(): void
  reportError(e: unknown): void
  /** Fetches the answer's code (`app/answer-code.ts`) if typing did not already. */
  preload?(): void
}

export function createSendPath(deps: SendDeps): SendPath {
  const send = (text: string, opts: SendOptions = {}) => {
    deps.retrySession()
    void deps.controller.send(text, opts)
    // A send nothing was typed for (the host's, a start-screen prompt): the message views load
    // now, alongside the run request, not once the question has rendered.
    deps.preload?.()
  }
  const sendReported = (text: string, opts?: SendOptions) => {
    try {
      send(text, opts)
      return true
    } catch (e) {
      deps.reportError(e)
      return false
    }
  }
  const sendDraft = (d: Draft) => {
    // The model goes on every run through the controller's request options, so it is not an extra here.
    const extras = { files: d.files, model: null, toolId: d.toolId, entities: d.entities, quote: d.quote }
    return sendReported(d.text, hasExtras(extras) ? { extend: (b) => withExtras(b, extras) } : {})
  }
  return { send, sendReported, sendDraft }
}
