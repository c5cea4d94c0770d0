import { defineConfig } from 'vite'

// React JSX through Vite 8's built-in Oxc transform (automatic runtime): no plugin needed.
// `public/` (vanilla.html, vanilla.js) is copied as is: those show the plain <script type="module"> embed.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true },
  server: { host: '127.0.0.1', port: 8788, strictPort: true },
})
