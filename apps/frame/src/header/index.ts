// The header's door: the bar and the thread title it shows.
export { Header, type HeaderAction } from './Header.js'
export { threadTitle, watchThreadTitle } from './title.js'
