// What an answer may carry about itself (its sources, suggested next questions): shown by the
// lazy sources chunk, loaded with the first answer that has them.
import { lazyComponent } from '../shared/index.js'

const load = () => import('../sources/index.js')
export const SourcesList = lazyComponent(() => load().then((m) => m.SourcesList))
export const Suggestions = lazyComponent(() => load().then((m) => m.Suggestions))
/** An inline `[n]` marker; its text until the chunk is in. */
export const Citation = lazyComponent(
  () => load().then((m) => m.Citation),
  (p: { n: number; raw: string }) => <>{p.raw}</>,
)
