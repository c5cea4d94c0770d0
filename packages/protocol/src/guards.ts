/** A plain JSON-style object: not null, not an array. The one copy every package uses. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
