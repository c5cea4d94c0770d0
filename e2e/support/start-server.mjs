// Starts the real built server for the e2e run with a fresh data dir.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chatkit-e2e-'))
const child = spawn(
  process.execPath,
  ['apps/server/dist/cli.js', '--port', '18787', '--demo-port', '18788', '--data-dir', dataDir, '--api-key', 'e2e-api-key-0123456789abcdef'],
  { stdio: 'inherit' },
)
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
