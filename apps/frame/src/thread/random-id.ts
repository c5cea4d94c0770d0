/** `crypto.randomUUID` exists only in secure contexts; a frame served over plain http still needs ids. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
