/** A plain data object (not null, not an array): the frame's one check for untrusted JSON shapes. */
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
