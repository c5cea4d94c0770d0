/** Runtime config served by the demo server (`/config.json`), so ports can change without a rebuild. */
export type DemoConfig = { frameUrl: string; apiUrl: string; xpertId: string }

export async function loadConfig(): Promise<DemoConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' })
  if (!res.ok) throw new Error(`/config.json answered HTTP ${res.status}`)
  const config = (await res.json()) as Partial<DemoConfig>
  for (const key of ['frameUrl', 'apiUrl', 'xpertId'] as const) {
    if (typeof config[key] !== 'string' || !config[key]) throw new Error(`/config.json is missing "${key}"`)
  }
  return config as DemoConfig
}
