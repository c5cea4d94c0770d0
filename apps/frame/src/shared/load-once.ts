/**
 * `load` run once and its promise kept, for a lazy chunk: every caller shares the one fetch. A
 * failed fetch is forgotten, so the next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined
  return () => (p ??= load().catch((e: unknown) => ((p = undefined), Promise.reject(e))))
}
