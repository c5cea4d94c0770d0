// Shared by the test host pages (vanilla, launcher, React): options wired to recording callbacks,
// and the events a page received. Tests drive them through window.__behave / read window.__events.

/** Each callback records its arguments; `window.__behave[path]` = {value} or {error} decides the answer. */
export function recordingCallback(path, fallback) {
  return async (...args) => {
    window.__calls.push({ path, args: JSON.parse(JSON.stringify(args ?? null)) })
    const b = window.__behave[path]
    if (b && 'error' in b) throw new Error(b.error)
    if (b && 'value' in b) return b.value
    return fallback ? fallback(...args) : undefined
  }
}

export async function createSecret() {
  const r = await fetch('/api/create-session', { method: 'POST', headers: { 'Content-Type': 'application/json' } })
  if (!r.ok) throw new Error(`create-session failed (HTTP ${r.status})`)
  const secret = (await r.json()).client_secret
  // The object form of getClientSecret's result, when a test asks for it.
  return window.__secretShape === 'object' ? { secret, organizationId: 'org-e2e' } : secret
}

export async function testOptions() {
  window.__events = []
  window.__calls = []
  // `?behave=` sets callback answers from the start (the frame calls api.getClientSecret at once).
  window.__behave = JSON.parse(new URLSearchParams(location.search).get('behave') || '{}')
  const config = await (await fetch('/config.json', { cache: 'no-store' })).json()
  const extra = JSON.parse(new URLSearchParams(location.search).get('options') || '{}')
  return {
    frameUrl: config.frameUrl,
    api: { apiUrl: config.apiUrl, xpertId: config.xpertId, getClientSecret: recordingCallback('api.getClientSecret', createSecret) },
    onClientTool: recordingCallback('onClientTool', ({ name }) => ({ content: { handled: name }, status: 'success' })),
    widgets: { onAction: recordingCallback('widgets.onAction') },
    entities: {
      onTagSearch: recordingCallback('entities.onTagSearch', async () => []),
      onClick: recordingCallback('entities.onClick'),
      onRequestPreview: recordingCallback('entities.onRequestPreview', async () => ({ preview: null })),
    },
    header: {
      leftAction: { icon: 'sidebar-open-left', onClick: recordingCallback('header.leftAction.onClick') },
      rightAction: { icon: 'close', onClick: recordingCallback('header.rightAction.onClick') },
    },
    history: { enabled: true },
    ...extra,
  }
}

/** An event as plain data (errors keep code and message). */
export function record(name, detail) {
  const d = detail?.error ? { code: detail.error.code, message: String(detail.error.message) } : (detail ?? null)
  window.__events.push({ name, detail: d })
}
