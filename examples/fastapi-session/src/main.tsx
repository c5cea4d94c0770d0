import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { MyChat } from './MyChat'

// Where the frame and API are: served by main.py as /config.json.
const { apiUrl, frameUrl } = (await (await fetch('/config.json')).json()) as { apiUrl: string; frameUrl: string }

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MyChat apiUrl={apiUrl} frameUrl={frameUrl} xpertId="demo" />
  </StrictMode>,
)
