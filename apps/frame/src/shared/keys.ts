/**
 * Enter sends, Shift+Enter inserts a newline. While an IME composes (Japanese, Chinese, Korean
 * input), Enter confirms the composition and must not send: `isComposing`, plus keyCode 229 for
 * Safari, which reports the confirming keydown after compositionend.
 */
export function isSendKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'keyCode' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey) return false
  if (e.isComposing || e.keyCode === 229) return false
  return true
}
