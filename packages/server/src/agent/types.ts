import type { ApiMessage, ArtifactSpec, ChartSpec, ClientEffectData, ContextUsage, InterruptRequest, ResumeValue, WidgetRoot } from '@xpert-ai/chatkit-protocol'

/**
 * What an agent yields. The engine turns each into wire envelopes and into the stored answer;
 * a kind it does not know ends the run with a clear error.
 */
export type AgentEvent =
  /** A piece of the answer text (markdown). `agentKey` attributes it to a sub-agent (see `agent_start`). */
  | { type: 'text'; text: string; agentKey?: string }
  /** A piece of visible chain-of-thought. */
  | { type: 'reasoning'; text: string; agentKey?: string }
  /** A tool step begins; `id` ties it to its `tool_end`. */
  | { type: 'tool_start'; id: string; name: string; title?: string; input?: unknown }
  /**
   * A tool step ends, with its output or its error. `attachments`: files the tool produced (saved
   * with `ctx.files.save`) or used (the user's uploads), by id: shown under the step, stored with
   * the answer and kept as long as the conversation. Each must be a file of the thread's user.
   */
  | { type: 'tool_end'; id: string; output?: unknown; error?: string; attachments?: readonly (string | { id: string })[] }
  /** A widget (ChatKit widget tree) shown in the answer; its actions come back as `ctx.action` runs. */
  | { type: 'widget'; id?: string; title?: string; widget: WidgetRoot }
  /**
   * An image in the answer (`image_url` content). The frame shows it only from its own origin, the
   * server's `--image-origins` or as a small raster `data:` URL; any other is a link the user may open.
   * `alt` describes it (screen readers, the gallery viewer). Consecutive images form a gallery.
   */
  | { type: 'image'; url: string; alt?: string }
  /**
   * A chart (bar, line, area, pie) in the answer: sent as a widget whose card holds one `Chart`
   * node, so hosts see it like any widget. The spec is checked here (`chartProblem`): a bad one
   * ends the run with a clear error.
   */
  | { type: 'chart'; id?: string; chart: ChartSpec }
  /**
   * A document the agent made (HTML, SVG, Markdown, code file): a card in the answer that opens a
   * side panel with preview and source, copy and download. HTML and SVG previews run in a
   * sandboxed sub-frame with no network (see SECURITY.md). Checked by `artifactProblem`.
   */
  | { type: 'artifact'; id?: string; artifact: ArtifactSpec }
  /**
   * Pauses the run for the user or the host: client tool calls (`{clientToolCalls}`), a
   * human-in-the-loop review (`{actionRequests, reviewConfigs}`) or a tool-call confirmation
   * (`{toolCalls}`). The run ends as `interrupted`; the resume arrives as a new run whose
   * `ctx.resume` carries the answer. Nothing after this event is read.
   */
  | { type: 'interrupt'; value: InterruptRequest }
  /**
   * Sources behind the answer (title, url, snippet): listed under it, and the answer's text cites
   * them as `[1]`, `[2]`… (1-based, in the order of all `sources` events of the answer). Stored with
   * the message. Only absolute http(s) URLs; a title defaults to the URL's host.
   */
  | { type: 'sources'; sources: { title?: string; url: string; snippet?: string }[] }
  /**
   * Suggested next questions, shown as chips under the answer while it is the last message of
   * the conversation; a click sends one. A later event replaces them (`[]` withdraws them).
   */
  | { type: 'suggestions'; suggestions: string[] }
  /** Asks the host page to do something (`chatkit.effect` on the element). */
  | ({ type: 'client_effect' } & ClientEffectData)
  /** Token accounting for the context meter. */
  | { type: 'usage'; usage: ContextUsage }
  /** Any other `on_chat_event` payload (progress, custom notices); `data.type` names it. */
  | { type: 'chat_event'; data: { type: string; [k: string]: unknown } }
  /** A (sub-)agent takes the floor: later text/reasoning with this `agentKey` are its words. */
  | { type: 'agent_start'; agentKey: string; name?: string }
  | { type: 'agent_end'; agentKey: string }
  /**
   * The agent gives up: the run ends with status `error`. `message` goes to the server log
   * (`onError`) only; the user sees a generic line with a reference to that log entry (so an
   * upstream's "Incorrect API key…" or an internal URL never reaches a browser). A thrown error is
   * treated the same way. To tell the user something, yield it as `text` first.
   */
  | { type: 'error'; message: string }

/** An uploaded file the user attached, resolved from `input.input.files: [{id}]`. */
export type AgentFile = { id: string; name: string; mimeType: string; size: number; url: string }

/**
 * `ctx.files`: the bytes or text of a file the user uploaded (an `AgentFile` from `ctx.input.files`
 * or its id). Only the files of the thread's owner can be read; anything else throws "not found".
 */
export type AgentFiles = {
  bytes(file: AgentFile | string): Promise<Uint8Array>
  /** UTF-8 text; throws past `maxBytes` (default 1 MiB). */
  text(file: AgentFile | string, options?: { maxBytes?: number }): Promise<string>
  /**
   * Stores a file the agent made (a report, a chart image) as a file of the thread's user, within
   * the server's file size limit and the user's quotas; its type is sniffed from the bytes (the
   * accepted upload types). Pass it in a `tool_end` event's `attachments` to show it under the step.
   * Throws `AgentFileError` when the server has no file store, or on a limit or type it refuses.
   */
  save(file: { name: string; bytes: Uint8Array | string }): Promise<SavedFile>
}

/** A file `ctx.files.save` stored. */
export type SavedFile = { id: string; name: string; mimeType: string; size: number }

/** The user's new turn (**browser-controlled**, like everything the user types). */
export type AgentInput = {
  text: string
  files: AgentFile[]
  references: unknown[]
  /** The tool the user picked in the composer (`composer.tools[].id`), if any. */
  tool?: string
}

/** A widget action or `sendCustomAction` (a run request with `input.action`). */
export type AgentAction = { type: string; payload: Record<string, unknown>; itemId?: string }

/** What a resumed run gets: the host's or user's answer to the interrupt. */
export type AgentResume = {
  value: ResumeValue
  /** The interrupt the answer is for, as the agent yielded it. */
  interrupt: InterruptRequest | null
  /** The interrupted AI message: the resumed run appends to it. */
  messageId: string
}

/**
 * Messages the user sent while this run was going, with `followUpMode: 'steer'`. They are
 * stored in the thread as they arrive. `drain()` takes what is pending without waiting;
 * `next()` waits for one (resolves `null` when the run ends). Steered messages the agent never
 * takes are run afterwards, as if they had been queued, so none is lost.
 */
export type FollowUps = {
  drain(): AgentInput[]
  next(): Promise<AgentInput | null>
}

export type AgentContext = {
  threadId: string
  runId: string
  assistantId: string
  userId: string
  /** Earlier messages of the thread, oldest first, without the new input. */
  history: ApiMessage[]
  /** The user's turn. For a resume or an action, the text is the last human message of the thread. */
  input: AgentInput
  /**
   * Set when this run answers a widget action / `sendCustomAction`. **Browser-controlled**: any
   * type and payload the user's browser sends; validate before acting on it.
   */
  action?: AgentAction
  /**
   * Set when this run resumes an interrupt. **Browser-controlled**: client-tool results and
   * human-in-the-loop decisions (approve / edit / reject) come from the user's browser, not from
   * the host's backend; check them as you would user input (the server only checks their shape).
   */
  resume?: AgentResume
  /** True when the user asked to regenerate the last answer (`retry: true`). */
  retry: boolean
  followUps: FollowUps
  /** Reads the user's uploaded files (bytes or text), owner-checked. */
  files: AgentFiles
  /**
   * `state` of the run request (the host's `options.request.state` merged in). **Browser-controlled**:
   * the frame sends it and the user can change it; never use it for identity, permissions or
   * prices. Trusted facts about the user come from your backend (the session's `userId`).
   */
  state: Record<string, unknown>
  /** `context` of the run request. **Browser-controlled**, like `state`. */
  context: Record<string, unknown>
  /** `config` of the run request. **Browser-controlled**, like `state`: never let it pick a model, key or URL unchecked. */
  config: Record<string, unknown>
  /** Aborted when the run is cancelled or the server shuts down; pass it to fetch and timers. */
  signal: AbortSignal
  /** Waits, rejecting as soon as the run is cancelled. */
  sleep(ms: number): Promise<void>
}

export type AgentRun = (ctx: AgentContext) => AsyncIterable<AgentEvent>

/** One tool an MCP App may call (see `AgentAppTools`). */
export type AppTool = {
  /** Ask the user in the frame before each call (a destructive tool). */
  needsApproval: boolean
  /** An MCP `CallToolResult` (`{content, structuredContent?, isError?}`); a thrown error becomes `isError`. */
  call(args: Record<string, unknown>, options: { signal: AbortSignal }): Promise<unknown>
}

/**
 * The tools MCP Apps in this agent's answers may call (`POST /threads/{id}/app-tools/call`). The
 * server has already checked that the caller owns the thread and that the named tool step of it
 * carries the app (`output.ui`); `find` gets the MCP server that owns the app (`output.ui.server`)
 * and must return only that server's tools. `@xpert-ai/chatkit-mcp`'s `mcpAppTools(box)` is one.
 */
export type AgentAppTools = {
  find(server: string, name: string): AppTool | null
}

/** A registered agent. `id` is the assistant id clients use (`options.api.xpertId`). */
export type Agent = {
  id: string
  name: string
  description?: string
  run: AgentRun
  /** Tools MCP Apps shown in its answers may call; without it, apps' tool calls are refused. */
  appTools?: AgentAppTools
}
