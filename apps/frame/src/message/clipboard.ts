/** Writes to the clipboard (`clipboard-write` is allowed in the frame); false when refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
