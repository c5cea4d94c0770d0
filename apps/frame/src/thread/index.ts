// The thread's door: the controller (effects) and the pure model. `resilient-stream.ts` (the
// run-stream follower) is a lazy chunk, fetched with `import()` by `load-follow.ts`, and is not
// re-exported here.
export { ThreadController } from './controller.js'
export { isOnline, serviceDown } from './connectivity.js'
export { syncTabs } from './tab-sync.js'
export { loadFollow } from './load-follow.js'
export { fetchNewestPage } from './pages.js'
export * from './model/index.js'
