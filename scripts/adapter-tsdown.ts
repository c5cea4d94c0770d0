import { defineConfig } from 'tsdown'

/**
 * The tsdown config of a package that plugs into the server (the framework adapters
 * packages/agent-* and packages/mcp, the backends packages/server-postgres and server-redis): one
 * ESM entry for Node with its .d.ts. The framework or client library and the server are the user's
 * own installs (peer dependencies), never bundled.
 */
export function adapterConfig(framework: (string | RegExp)[]) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: 'esm',
    platform: 'node',
    dts: true,
    sourcemap: true,
    fixedExtension: false,
    deps: { neverBundle: [...framework, '@xpert-ai/chatkit-server'] },
  })
}
