/**
 * Saves `blob` as a download named `name`, from the frame itself: the host SDK's iframe sandbox
 * has `allow-downloads` (SECURITY.md, "Downloads"). The object URL is revoked once the save started.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A title as a safe file name stem (letters, digits, `._ -`, spaces as dashes, ≤ 60), or `fallback`. */
export function safeFileBase(title: string, fallback: string): string {
  return (
    title
      .replace(/[^\p{L}\p{N}._ -]+/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || fallback
  )
}
