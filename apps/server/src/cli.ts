#!/usr/bin/env node
import { startApp } from './app.js'
import { ConfigError, parseAppConfig, USAGE } from './config.js'

/**
 * `chatkit-server`: the API, the frame and the demo site in one process.
 * Exit codes: 0 after a clean stop, 1 on a startup failure, 2 on a configuration error.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof parseAppConfig>
  try {
    config = parseAppConfig(process.argv.slice(2), process.env, process.cwd())
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`chatkit-server: ${e.message}`)
      process.exit(2)
    }
    throw e
  }
  if (config === 'help') {
    console.log(USAGE)
    return
  }
  const app = await startApp(config)
  const lines = [
    'ChatKit server is running',
    app.urls.demo ? `  demo site  ${app.urls.demo}` : null,
    `  frame      ${app.urls.frame}`,
    `  API        ${app.urls.api}`,
    `  host SDK   ${app.urls.sdk}chatkit.js (ES module), ${app.urls.sdk}chatkit.iife.js (classic script)`,
    app.urls.metrics ? `  metrics    ${app.urls.metrics}` : null,
    app.urls.listen !== new URL(app.urls.api).origin ? `  listening  ${app.urls.listen}` : null,
    `  API key    ${app.apiKey.note}`,
    ...app.notes.map((n) => `  note       ${n}`),
  ]
  console.log(lines.filter(Boolean).join('\n'))
  for (const w of app.warnings) console.error(`WARNING: ${w}`)

  let signals = 0
  const stop = (signal: string) => {
    if (++signals > 1) process.exit(1)
    console.log(`chatkit-server: ${signal}, stopping (in-flight answers are saved and marked cancelled)`)
    app.stop().then(
      () => process.exit(0),
      (e) => {
        console.error('chatkit-server: shutdown failed:', e)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((e) => {
  const hint = (e as NodeJS.ErrnoException)?.code === 'EADDRINUSE' ? ' (another server is there: stop it, or pick --port / --demo-port)' : ''
  console.error(`chatkit-server: ${e instanceof Error ? e.message : String(e)}${hint}`)
  process.exit(1)
})
