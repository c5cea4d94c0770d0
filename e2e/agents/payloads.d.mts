/** The XSS payloads; `EVIL` is the origin a leak would reach. */
export function payloads(EVIL: string): string[]
