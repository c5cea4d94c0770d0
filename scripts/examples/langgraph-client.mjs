// Copied into a server example and run there (so it resolves the example's own
// @langchain/langgraph-sdk): mints a client secret with the API key, then one LangGraph SDK run.
// Prints `{ text, events }` as JSON. Usage: node langgraph-client.mjs <apiUrl> <apiKey> <assistant> <message>
import { Client } from '@langchain/langgraph-sdk'

const [apiUrl, apiKey, assistant, message] = process.argv.slice(2)
const res = await fetch(`${apiUrl}/v1/chatkit/sessions`, {
  method: 'POST',
  headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
  body: JSON.stringify({ assistant: { id: assistant }, user: 'langgraph-client' }),
})
if (!res.ok) throw new Error(`minting a session failed: ${res.status} ${await res.text()}`)
const { client_secret } = await res.json()
const client = new Client({ apiUrl, apiKey: client_secret })
const thread = await client.threads.create()
let text = ''
let events = 0
for await (const part of client.runs.stream(thread.thread_id, assistant, { input: { input: { input: message } } })) {
  events++
  const d = part.data
  if (d && d.type === 'message') text += typeof d.data === 'string' ? d.data : d.data?.type === 'text' ? d.data.text : ''
}
console.log(JSON.stringify({ text, events }))
