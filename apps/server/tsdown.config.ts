import { defineConfig } from 'tsdown'

export default defineConfig({
  // metrics.ts on its own too: `BENCH_METRICS=1 pnpm bench:server` measures the cost of the metrics.
  entry: ['src/cli.ts', 'src/metrics.ts'],
  format: 'esm',
  platform: 'node',
  // Workspace packages and better-sqlite3 stay imports: node resolves each package's dist at
  // runtime (build the packages first), and the native addon can never be bundled.
  deps: { neverBundle: [/^@xpert-ai\//, 'better-sqlite3'] },
  fixedExtension: false,
  dts: false,
  sourcemap: true,
})
