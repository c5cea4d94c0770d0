// A real MCP server process (official @modelcontextprotocol/sdk, stdio) with MCP Apps, for
// e2e/specs/rich-mcp-apps.spec.ts. `show_board` carries the board app (`ui://board/app.html`),
// written with the official MCP Apps client (`@modelcontextprotocol/ext-apps`, its self-contained
// build inlined: the sandbox has no network); `show_probe` carries a hostile app. Every tool call
// is appended to MCP_APPS_RECORD (one JSON line each): the spec asserts on this server's own record.
import { appendFileSync, readFileSync } from 'node:fs'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { z } from 'zod'
import { probeApp } from './probe-app.mjs'

const RECORD = process.env.MCP_APPS_RECORD
if (!RECORD) throw new Error('server.mjs needs MCP_APPS_RECORD')
const record = (tool, args) => appendFileSync(RECORD, `${JSON.stringify({ tool, args })}\n`)
const MIME = 'text/html;profile=mcp-app'

/** ext-apps' bundle is an ES module ending in `export{a as App,…}`: kept in one inline module as `const ext = {App: a, …}`. */
function extApps() {
  const src = readFileSync(new URL(import.meta.resolve('@modelcontextprotocol/ext-apps/app-with-deps')), 'utf8')
  const i = src.lastIndexOf('export{')
  const names = src
    .slice(i + 7, src.lastIndexOf('}'))
    .split(',')
    .map((p) => p.trim().split(/\s+as\s+/))
  return `${src.slice(0, i)}\nconst ext = {${names.map(([local, name]) => `${name ?? local}: ${local}`).join(',')}};\n`.replaceAll('</script', '<\\/script')
}

const BOARD = `
const app = new ext.App({ name: 'Board', version: '1.0.0' }, {}, { autoResize: true })
const $ = (id) => document.getElementById(id)
const render = (items) => { $('items').replaceChildren(...items.map((t) => Object.assign(document.createElement('li'), { textContent: t }))) }
const show = (k, v) => { $(k).textContent = typeof v === 'string' ? v : JSON.stringify(v) }
app.ontoolinput = (p) => show('input', p.arguments)
app.ontoolresult = (r) => { render(r.structuredContent.items); show('result', r.content[0].text) }
app.onhostcontextchanged = (c) => { if (c.theme) document.body.dataset.theme = c.theme }
$('add').onclick = async () => {
  const r = await app.callServerTool({ name: 'add_item', arguments: { text: 'oat milk' } })
  render(r.structuredContent.items)
  show('status', r.content[0].text)
  await app.sendMessage({ role: 'user', content: [{ type: 'text', text: 'The board app says: ' + r.content[0].text }] })
}
$('clear').onclick = async () => {
  try { const r = await app.callServerTool({ name: 'clear_items', arguments: {} }); show('status', r.isError ? 'error: ' + r.content[0].text : r.content[0].text) }
  catch (e) { show('status', 'refused: ' + e.message) }
}
$('grow').onclick = () => { for (let i = 0; i < 12; i++) $('items').append(Object.assign(document.createElement('li'), { textContent: 'row ' + i })) }
$('link').onclick = () => app.openLink({ url: 'https://example.com/board-help' })
await app.connect()
const ctx = app.getHostContext()
document.body.dataset.theme = ctx.theme
document.body.dataset.locale = ctx.locale
document.body.dataset.host = app.getHostVersion().name
show('state', 'connected')
`

const boardHtml = () => `<!doctype html><html><head><meta charset="utf-8"><title>Board</title>
<style>body{font:14px sans-serif;margin:8px}body[data-theme=dark]{background:#222;color:#eee}</style></head>
<body><h1 id="heading">Shopping board</h1><p id="state">starting</p><p>Input: <code id="input"></code></p><p>Result: <span id="result"></span></p>
<ul id="items"></ul><p id="status"></p>
<button id="add">Add oat milk</button><button id="clear">Clear</button><button id="grow">Grow</button><button id="link">Help</button>
<script type="module">${extApps()}\n${BOARD}</script></body></html>`

const items = ['bread']
const server = new McpServer({ name: 'board', version: '1.0.0' })
server.registerResource('board-app', 'ui://board/app.html', { mimeType: MIME }, async (uri) => ({
  contents: [{ uri: uri.href, mimeType: MIME, text: boardHtml() }],
}))
server.registerResource('probe-app', 'ui://board/probe.html', { mimeType: MIME }, async (uri) => ({
  contents: [{ uri: uri.href, mimeType: MIME, text: probeApp(process.env.MCP_APPS_PROBE_ORIGIN) }],
}))
const result = (text) => ({ content: [{ type: 'text', text }], structuredContent: { items: [...items] } })
server.registerTool(
  'show_board',
  {
    title: 'Shopping board',
    description: 'Shows the shopping board',
    inputSchema: { title: z.string() },
    annotations: { readOnlyHint: true },
    _meta: { ui: { resourceUri: 'ui://board/app.html' } },
  },
  async (args) => {
    record('show_board', args)
    return result(`board with ${items.length} items`)
  },
)
server.registerTool('add_item', { description: 'Adds an item', inputSchema: { text: z.string() }, _meta: { ui: { visibility: ['app'] } } }, async (args) => {
  record('add_item', args)
  items.push(args.text)
  return result(`added ${args.text}`)
})
server.registerTool(
  'clear_items',
  { description: 'Removes every item', inputSchema: {}, annotations: { destructiveHint: true }, _meta: { ui: { visibility: ['app'] } } },
  async (args) => {
    record('clear_items', args)
    items.length = 0
    return result('cleared')
  },
)
server.registerTool(
  'show_probe',
  { description: 'A hostile app', inputSchema: {}, annotations: { readOnlyHint: true }, _meta: { ui: { resourceUri: 'ui://board/probe.html' } } },
  async (args) => {
    record('show_probe', args)
    return result('probe')
  },
)
await server.connect(new StdioServerTransport())
