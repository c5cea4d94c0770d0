import { defineConfig } from 'vite'

// React JSX through Vite 8's built-in Oxc transform (automatic runtime): no plugin needed.
// `public/` (vanilla.html, vanilla.js, test-host*.js) is copied as is: those show the plain
// <script type="module"> embed. react-events.html is the React test host of the e2e specs.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', 'react-events': 'react-events.html' } },
  },
  server: { host: '127.0.0.1', port: 8788, strictPort: true },
})
