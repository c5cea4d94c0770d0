// `npm start`: install, build, and run server + frame + demo site with the embedded SQLite store
// and the demo agent. Extra arguments go to the server CLI (`npm start -- --port 9000`). Paths in
// them (`--agent ./my-agent.js`, `--data-dir`) are relative to the folder npm was started from.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ROOT, childEnv, install, pnpm } from './lib.mjs'

install()
pnpm(['run', 'build'])

const cli = path.join(ROOT, 'apps', 'server', 'dist', 'cli.js')
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env: childEnv(), cwd: process.env.INIT_CWD || process.cwd() })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
