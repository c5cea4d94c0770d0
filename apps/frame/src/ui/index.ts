// The ui folder's door: the frame's root component. The base styles (`styles.css`) are imported by
// main.tsx by path, first, so every feature's styles refine them (a listed exception); the lazy
// extras chunk (`extras.ts`) is fetched with `import()`.
export { App } from './App.js'
