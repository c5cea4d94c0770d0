// examples/html: copy the built host SDK next to a static page (no bundler), type-check the page
// script and server (checkJs, strict, skipLibCheck: false), serve it with its CSP, chat in Chromium.
import { assertChat, chatOnce, withChatKitServer } from './browser.mjs'
import { sh, startProcess } from './setup.mjs'

export function run(dir) {
  const apiKey = 'example-html-page-key'
  return withChatKitServer({ apiKey }, async ({ origin, port, chatkit }) => {
    sh(dir, 'npm', ['run', 'build'])
    sh(dir, 'npm', ['run', 'typecheck'])
    const site = await startProcess(dir, 'node', ['server.mjs'], {
      env: { PORT: String(port), CHATKIT_URL: chatkit.origin, CHATKIT_API_KEY: apiKey },
      readyUrl: origin,
    })
    try {
      const csp = (await fetch(origin + '/')).headers.get('content-security-policy') ?? ''
      if (!csp.includes(`frame-src ${chatkit.origin}`)) throw new Error(`the page's CSP lacks frame-src: ${csp}`)
      assertChat(await chatOnce(origin + '/'))
    } finally {
      site.stop()
    }
  })
}
