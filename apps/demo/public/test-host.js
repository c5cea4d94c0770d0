// The vanilla test host: createChatKit on an existing element, every event recorded.
import { createChatKit, EVENT_NAMES } from '/sdk/chatkit.js'
import { record, testOptions } from '/test-host-common.js'

const options = await testOptions()
const element = document.getElementById('chat')
for (const name of EVENT_NAMES) element.addEventListener('chatkit.' + name, (e) => record(name, e.detail))
window.options = options
window.chat = createChatKit({ element, ...options })
