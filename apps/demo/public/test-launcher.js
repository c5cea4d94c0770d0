// The launcher test host: a floating button that opens ChatKit in a panel.
import { EVENT_NAMES } from '/sdk/index.js'
import { createChatKitLauncher } from '/sdk/launcher.js'
import { record, testOptions } from '/test-host-common.js'

const options = await testOptions()
window.chat = createChatKitLauncher({ ...options, label: 'Open support chat' })
for (const name of EVENT_NAMES) window.chat.element.addEventListener('chatkit.' + name, (e) => record(name, e.detail))
