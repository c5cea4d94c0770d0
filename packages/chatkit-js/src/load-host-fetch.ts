/** `api.fetch`'s host half, loaded on first use (the classic script swaps this file: build/classic-host-fetch.ts). */
export const loadHostFetch = () => import('./host-fetch.js')
