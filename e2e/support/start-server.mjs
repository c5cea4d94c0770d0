// Starts the real built server for the e2e run with a fresh data dir, on E2E_PORT_BASE (default
// 18787) and the next port for the demo site. Keep in step with ports.ts.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const base = Number(process.env.E2E_PORT_BASE ?? 18787)
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chatkit-e2e-'))
const child = spawn(
  process.execPath,
  [
    'apps/server/dist/cli.js',
    '--port',
    String(base),
    '--demo-port',
    String(base + 1),
    '--data-dir',
    dataDir,
    '--api-key',
    'e2e-api-key-0123456789abcdef',
    // The XSS suite's hostile agent (assistant id `hostile`).
    '--agent',
    'e2e/agents/hostile.mjs',
    // No-delay answers (assistant id `bench`): seeds the long-thread spec quickly.
    '--agent',
    'bench/render-agent.mjs',
    // Hostile output for the agent-output hardening suite (assistant id `hostile-output`).
    '--agent',
    'e2e/agents/hostile-output.mjs',
    // The framework adapters (assistant ids `ai-sdk-e2e`, `langgraph-e2e`), with test models.
    '--agent',
    'e2e/agents/ai-sdk.mjs',
    '--agent',
    'e2e/agents/langgraph.mjs',
    // Wide code, wide tables, tool steps and an approval card for the a11y spec (assistant id `a11y-rich`).
    '--agent',
    'e2e/agents/a11y-rich.mjs',
    // Answers with the history it was given (assistant id `echo`): the branches spec.
    '--agent',
    'e2e/agents/echo.mjs',
    // The demo site plus the specs' own host pages (ports.ts extraPort 0-5); never the evil port.
    // A CORS proxy to this API on another origin (ports.ts extraPort 2): options-api-origin.spec.ts.
    '--api-origins',
    `http://127.0.0.1:${base + 6}`,
    // An api.domainKey issued for one of the specs' host pages (ports.ts extraPort 3): options-domain-key.spec.ts.
    '--domain-key',
    `e2e-domain-key=http://127.0.0.1:${base + 7}`,
    '--allowed-origins',
    [base + 1, ...[0, 1, 2, 3, 4, 5].map((n) => base + 4 + n)].map((p) => `http://127.0.0.1:${p}`).join(' '),
  ],
  { stdio: 'inherit', env: { ...process.env, HOSTILE_EVIL_ORIGIN: `http://127.0.0.1:${base + 2}` } },
)
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
