import type { DemoSiteOptions } from '@xpert-ai/chatkit-demo/server'

/**
 * The demo host site (`@xpert-ai/chatkit-demo/server`), loaded at startup. It is optional at
 * runtime: when the demo package is not built, the demo port explains that instead of the
 * server failing to start.
 */
// The options type comes from the demo package itself (type-only: erased at runtime).
export type { DemoSiteOptions }
export type DemoSiteHandler = (req: Request) => Promise<Response>

const DEMO_MODULE = '@xpert-ai/chatkit-demo/server'

export async function loadDemoSite(options: DemoSiteOptions): Promise<{ handler: DemoSiteHandler; problem: string | null }> {
  try {
    // A variable specifier keeps the demo a runtime-only dependency of this app.
    const mod = (await import(/* @vite-ignore */ DEMO_MODULE)) as { createDemoSite?: unknown }
    if (typeof mod.createDemoSite !== 'function') throw new Error(`${DEMO_MODULE} does not export createDemoSite`)
    const handler = (mod.createDemoSite as (o: DemoSiteOptions) => DemoSiteHandler)(options)
    return { handler, problem: null }
  } catch (e) {
    const problem = `demo site unavailable (${(e as Error).message.split('\n')[0]}); build it with: pnpm --filter @xpert-ai/chatkit-demo build`
    return { handler: async () => unavailable(problem), problem }
  }
}

function unavailable(problem: string): Response {
  return new Response(`ChatKit demo site: ${problem}\n`, {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  })
}
