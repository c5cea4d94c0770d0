import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { loadConfig } from './config.js'

const root = createRoot(document.getElementById('root')!)
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: Error) => root.render(<p role="alert">The demo could not start: {error.message}</p>),
)
