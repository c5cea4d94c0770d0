// The markdown folder's door: `Markdown`, which loads the renderer (a chunk of its own) on first
// use and shows the text meanwhile, and its idle-time preload. The renderer and the URL policy are
// lazy; lazy parts that need `MarkdownView.tsx` or `urls.ts` import it by path (listed exceptions in
// scripts/boundaries.ts).
export { Markdown, preloadMarkdown } from './Markdown.js'
