/**
 * Whether options might set something `refusals.ts` refuses: the keys its paths end in. Only then
 * is that chunk fetched, so an embed that sets none of them loads nothing more. A superset test:
 * `maybe-refused.test.ts` checks every refusal's key is here.
 */
const KEYS = /"(projectId|onRequestPreview|branch|projects|resources|connectors|workbench|mcpApps|goal|taskSummary|slashCommands)":/

export const maybeRefused = (options: unknown, callbacks: Iterable<string>): boolean =>
  KEYS.test(JSON.stringify(options) ?? '') || [...callbacks].some((c) => KEYS.test(`"${c.split('.').pop()}":`))
