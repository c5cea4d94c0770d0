/**
 * `--domain-key <key>=<origin,origin>` (repeatable) and `CHATKIT_DOMAIN_KEYS` (`key=origin,origin`
 * entries separated by `;`): the `api.domainKey`s this server accepts and the page origins each
 * is issued for. The handler checks the values (`createChatKitHandler`'s `domainKeys`).
 */
export function parseDomainKeyFlags(flags: readonly string[] | undefined, env: string | undefined, fail: (message: string) => Error): Record<string, string[]> {
  const entries = flags?.length
    ? flags
    : (env ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
  const keys: Record<string, string[]> = {}
  for (const entry of entries) {
    const at = entry.indexOf('=')
    const key = entry.slice(0, at).trim()
    const origins = entry
      .slice(at + 1)
      .split(/[\s,]+/)
      .filter(Boolean)
    if (at <= 0 || !origins.length) throw fail(`--domain-key / CHATKIT_DOMAIN_KEYS: expected <key>=<origin,origin>, got "${entry.slice(0, 80)}"`)
    if (key in keys) throw fail(`--domain-key / CHATKIT_DOMAIN_KEYS: the key "${key}" is given twice`)
    keys[key] = origins
  }
  return keys
}
