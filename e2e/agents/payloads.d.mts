/** The XSS payloads; `EVIL` is the origin a leak would reach (its https: twin too). */
export function payloads(EVIL: string): string[]
/** The https: exfiltration payloads alone, aimed at `HTTPS` (an https: origin). */
export function exfiltration(HTTPS: string): string[]
