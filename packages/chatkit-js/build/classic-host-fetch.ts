/**
 * The classic script (`chatkit.iife.js`) cannot split code, so it would inline `api.fetch`'s host
 * half (`src/host-fetch.ts`) that the ES module loads lazily, and every page would pay for it. Here
 * the classic build swaps `src/load-host-fetch.ts` for a native `import()` of the ES module build's
 * `host-fetch.js` next to the script (the ChatKit server serves both under `/chatkit/sdk/<version>/`),
 * found from `document.currentScript`, which is only set while the script first runs.
 */
import type { Plugin } from 'rolldown'

export function classicHostFetch(): Plugin {
  return {
    name: 'classic-host-fetch',
    load(id) {
      if (!/[\\/]src[\\/]load-host-fetch\.ts$/.test(id)) return
      return "const src = document.currentScript?.src\nexport const loadHostFetch = () => import(new URL('host-fetch.js', src) as never)"
    },
  }
}
