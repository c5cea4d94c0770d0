import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { MyChat } from './MyChat'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>My app</h1>
    <MyChat />
  </StrictMode>,
)
