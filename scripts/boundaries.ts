/**
 * The folder rules inside packages, checked on every import (static `from`, side-effect `import`
 * and dynamic `import()`). Package-level directions are held by the package graph itself; these
 * rules hold the layers inside a package: what a folder may import, and that a folder with an
 * `index.ts` door is entered only through it (static imports; a lazy `import()` names its chunk). `scripts/boundaries.test.ts` runs them on the tree.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative } from 'node:path'

export type SourceFile = { path: string; source: string }

/** A folder's rule: the top-level entries (folders or root files) it may import besides itself. */
type Rule = { from: string; may: readonly string[] } | { from: string; mayNot: readonly string[] }

export type Boundaries = {
  /** The package's source root, for messages. */
  root: string
  rules: readonly Rule[]
  /** Folders with an `index.ts` door: from outside, import `folder/index.js` only. */
  doors: readonly string[]
  /**
   * Folders inside a top-level folder that count as folders of their own (`thread/model`): their
   * files are ruled by their own rule, and the rest of the parent enters them through their door.
   */
  nested?: readonly string[]
  /** Deep imports allowed past a door, each with its reason (`file` → `target`, both under root). */
  exceptions?: readonly { file: string; target: string; why: string }[]
}

const IMPORT = /(?:\bfrom\s*|\b(import)\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm

/** The relative specifiers a file imports (package imports are the package graph's business). */
export function importsOf(source: string): string[] {
  return importSpecs(source).map((i) => i.spec)
}

/** Each relative import, and whether it is a dynamic `import()` (a lazy chunk). */
function importSpecs(source: string): { spec: string; lazy: boolean }[] {
  const out: { spec: string; lazy: boolean }[] = []
  for (const m of source.matchAll(IMPORT)) if (m[2]!.startsWith('.')) out.push({ spec: m[2]!, lazy: m[1] === 'import' })
  return out
}

/**
 * The folder a path belongs to: `engine` for `engine/turn.ts`, `handler.ts` for itself, or a nested
 * folder of its own (`thread/model` for `thread/model/reducer.ts`).
 */
const folderOf = (path: string, nested: readonly string[] = []) => nested.find((n) => path.startsWith(`${n}/`)) ?? path.split('/')[0]!.replace(/\.tsx?$/, '.ts')

/** Every import that breaks a rule or walks past a door, as "file: imports 'x' (why)". */
export function violations(files: readonly SourceFile[], b: Boundaries): string[] {
  const found: string[] = []
  for (const f of files) {
    const from = folderOf(f.path, b.nested)
    const rule = b.rules.find((r) => r.from === from)
    for (const { spec, lazy } of importSpecs(f.source)) {
      const target = posix.normalize(posix.join(posix.dirname(f.path), spec)).replace(/\.js$/, '.ts')
      if (target.startsWith('..')) continue
      const to = folderOf(target, b.nested)
      if (to === from) continue
      const where = `${b.root}/${f.path}: imports '${spec}'`
      if (rule && 'may' in rule && !rule.may.includes(to)) found.push(`${where} (${from}/ may import only ${rule.may.join(', ') || 'itself'})`)
      if (rule && 'mayNot' in rule && rule.mayNot.includes(to)) found.push(`${where} (${from}/ may not import ${to})`)
      // A lazy chunk is fetched by its own path: `import()` may go past a door, a static import may not.
      const excepted = b.exceptions?.some((x) => x.file === f.path && x.target.replace(/\.tsx$/, '.ts') === target)
      if (b.doors.includes(to) && target !== `${to}/index.ts` && !lazy && !excepted) found.push(`${where} (enter ${to}/ through its index.ts)`)
    }
  }
  return found
}

/** The server's layers (packages/server/README.md "Layout and the rule for each layer"). */
export const serverBoundaries: Boundaries = {
  root: 'packages/server/src',
  rules: [
    // The engine knows nothing of HTTP, routes or services: it throws RunRefused, not statuses.
    { from: 'engine', may: ['agent', 'events', 'files', 'observe', 'shapes', 'store', 'util'] },
    // Logs, metrics and traces wrap the layers from outside; they never call routes or the engine.
    { from: 'observe', mayNot: ['routes', 'services', 'engine', 'handler.ts', 'context.ts'] },
    { from: 'shapes', may: ['store', 'util'] },
    { from: 'store', may: ['util'] },
    { from: 'events', may: ['store', 'util'] },
    { from: 'util', may: [] },
    { from: 'auth', may: ['util'] },
    // Services sit below the routes: they never see the routes' Deps bag or the handler.
    { from: 'services', mayNot: ['routes', 'node', 'handler.ts', 'context.ts', 'domain-errors.ts'] },
    { from: 'agent', mayNot: ['routes', 'services', 'engine', 'http', 'node', 'handler.ts', 'context.ts'] },
    { from: 'http', mayNot: ['routes', 'services', 'engine', 'handler.ts', 'context.ts'] },
    { from: 'files', mayNot: ['routes', 'services', 'engine', 'handler.ts', 'context.ts'] },
    { from: 'routes', mayNot: ['node', 'handler.ts'] },
  ],
  doors: ['routes'],
}

/** A lazy chunk's static imports of single files past their folders' doors (see `exceptions`). */
const lazyPaths = (file: string, targets: readonly string[]) =>
  targets.map((target) => ({ file, target, why: 'lazy chunk; through the door this file would move into the first load' }))

/** The frame's folders: every folder has a door, the only way in (apps/frame/README.md). */
export const frameBoundaries: Boundaries = {
  root: 'apps/frame/src',
  rules: [
    // The wire client and the strings are leaves: they know no other folder.
    { from: 'api', may: [] },
    { from: 'i18n', may: ['i18n/more'] },
    // Primitives (icons, the lazy-component helper, the scheduler) serve every feature and know none.
    { from: 'shared', may: ['i18n'] },
    // The pure thread model: state shapes and the folding of wire events. No transport, no UI.
    { from: 'thread/model', may: [] },
    // The thread's effects (runs, streams, timers) use the transports and the model, never the UI
    // or the wiring: the host link and the API client are passed in by the composition root.
    { from: 'thread', may: ['api', 'bridge', 'shared', 'thread/model'] },
  ],
  doors: [
    'a11y',
    'api',
    'app',
    'attachments',
    'bridge',
    'composer',
    'header',
    'history',
    'i18n',
    'i18n/more',
    'markdown',
    'message',
    'options',
    'shared',
    'start',
    'theme',
    'thread',
    'thread/model',
    'ui',
    'widgets',
  ],
  nested: ['thread/model', 'i18n/more'],
  // Lazy chunks that need one helper of the composer: through the door (which reaches the Composer
  // component and its own lazy parts) the bundler splits preact and the composer out of the entry
  // into shared chunks (+1.4 KB gzip before the first send), so these two import the file itself.
  // The branch model (edit, versions) is used only by lazy chunks: behind the model's door it
  // would be in the first load, so its two users import it by path.
  exceptions: [
    { file: 'bridge/host-message.ts', target: 'composer/run-extras.ts', why: 'lazy chunk; the composer door would split the entry' },
    { file: 'options/refusals.ts', target: 'composer/slash.ts', why: 'lazy chunk; the composer door would split the entry' },
    { file: 'thread/branches.ts', target: 'thread/model/branches.ts', why: 'lazy chunk; through the model door the branch model would be in the first load' },
    {
      file: 'message/BranchSwitcher.tsx',
      target: 'thread/model/versions.ts',
      why: 'lazy chunk; through the model door the branch model would be in the first load',
    },
    // Lazy chunks (export, own messages' files, quotes, message times) reach single helpers by path:
    // through the doors (in the entry) the bundler would pull the helpers into the first load.
    { file: 'artifacts/ArtifactPanel.tsx', target: 'shared/save-blob.ts', why: 'lazy chunk; the helper stays out of the first load' },
    { file: 'artifacts/files.ts', target: 'shared/save-blob.ts', why: 'lazy chunk; the helper stays out of the first load' },
    { file: 'export/ExportMenu.tsx', target: 'shared/save-blob.ts', why: 'lazy chunk; the helper stays out of the first load' },
    { file: 'message/FileList.tsx', target: 'shared/save-blob.ts', why: 'lazy chunk; the helper stays out of the first load' },
    { file: 'export/ExportMenu.tsx', target: 'shared/use-menu.ts', why: 'lazy chunk; the menu hook and its CSS stay out of the first load' },
    { file: 'composer/ModelMenu.tsx', target: 'shared/use-menu.ts', why: 'lazy chunk; the menu hook and its CSS stay out of the first load' },
    {
      file: 'ui/extras.ts',
      target: 'composer/ModelMenu.ts',
      why: 'the lazy extras chunk (ModelMenu.tsx; targets are named .ts); the composer door would put the menu in the first load',
    },
    { file: 'export/ExportMenu.tsx', target: 'header/title.ts', why: 'lazy chunk; the header door would split the entry' },
    { file: 'export/to-json.ts', target: 'thread/model/own-extras.ts', why: 'lazy chunk; through the model door the parser would be in the first load' },
    { file: 'message/OwnExtras.tsx', target: 'thread/model/own-extras.ts', why: 'lazy chunk; through the model door the parser would be in the first load' },
    { file: 'message/FileList.tsx', target: 'thread/model/own-extras.ts', why: 'lazy chunk; through the model door the parser would be in the first load' },
    { file: 'message/MessageTime.tsx', target: 'history/relative-time.ts', why: 'lazy chunk; the history door would split the entry' },
    { file: 'selection/AskAbout.tsx', target: 'composer/store.ts', why: 'lazy chunk; the composer door would split the entry' },
    { file: 'selection/QuoteChip.tsx', target: 'composer/store.ts', why: 'lazy chunk; the composer door would split the entry' },
    { file: 'options/store.ts', target: 'bridge/origins.ts', why: 'the bridge door imports the options store: by path, no import cycle' },
    // Message rendering, the markdown renderer and the URL policy are lazy chunks (the message-parts
    // and markdown chunks): their doors carry only what the first load uses, so lazy parts that need
    // one of their other files import it by path; through a door it would move into the first load.
    ...lazyPaths('message/MessageView.tsx', ['markdown/MarkdownView.tsx', 'markdown/urls.ts']),
    ...lazyPaths('message/AnswerText.tsx', ['markdown/MarkdownView.tsx']),
    ...lazyPaths('message/tool-renderers.tsx', ['markdown/urls.ts']),
    ...lazyPaths('message/FileList.tsx', ['attachments/format-bytes.ts']),
    ...lazyPaths('widgets/nodes.tsx', ['markdown/MarkdownView.tsx']),
    ...lazyPaths('mcp-apps/McpApp.tsx', ['markdown/urls.ts']),
    ...lazyPaths('sources/source-item.ts', ['markdown/urls.ts']),
    ...lazyPaths('markdown/render.tsx', ['message/answer-extras.tsx']),
    // The conversation context, read by lazy parts by path: a lazy chunk importing the message door
    // makes the bundler split preact, signals and the strings out of the entry (+3 KB gzip).
    ...['markdown/render.tsx', 'mcp-apps/McpApp.tsx', 'sources/Citation.tsx', 'sources/SourcesList.tsx', 'sources/Suggestions.tsx'].map((file) => ({
      file,
      target: 'message/context.ts',
      why: 'lazy chunk; through the message door the bundler splits the entry',
    })),
    ...lazyPaths('artifacts/ArtifactPanel.tsx', ['message/clipboard.ts']),
    ...lazyPaths('ui/extras.ts', ['message/OwnExtras.tsx', 'message/FileList.tsx']),
    ...lazyPaths('composer/ModelMenu.tsx', ['markdown/urls.ts']),
    // The base styles come first in the entry CSS, before any feature's: main.tsx imports them first.
    { file: 'main.tsx', target: 'ui/styles.css', why: 'the base styles load first; every feature refines them' },
    // The shared menu-row rule is CSS of lazy parts: through the door it would be in the entry CSS.
    { file: 'history/HistoryPanel.tsx', target: 'shared/menu-item.css', why: 'lazy CSS; the rule stays out of the entry CSS' },
    { file: 'i18n/locales/en.ts', target: 'i18n/more/en-more.ts', why: 'a type-only import: the keys of the English strings lazy parts add' },
  ],
}

/**
 * The sources under `root` (a repo-relative folder), with paths relative to it: non-test code by
 * default, or every `.ts`/`.tsx` file, tests and the server's testing/ harness included (`withTests`).
 */
export function readSources(repo: string, root: string, withTests = false): SourceFile[] {
  const base = join(repo, root)
  const out: SourceFile[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name) && (withTests || !/\.test\.tsx?$|\.test-helper\.ts$/.test(e.name))) {
        out.push({ path: relative(base, p).split('\\').join('/'), source: readFileSync(p, 'utf8') })
      }
    }
  }
  walk(base)
  // The server's testing/ harness drives every layer on purpose.
  return withTests ? out : out.filter((f) => !f.path.startsWith('testing/'))
}

/** The longest a code file may be (issue 12): a longer one mixes concerns and is split by them. */
const MAX_FILE_LINES = 300

/** Every file longer than `max` lines, as "root/path: N lines (at most max)". */
export function longFiles(files: readonly SourceFile[], root: string, max = MAX_FILE_LINES): string[] {
  const found: string[] = []
  for (const f of files) {
    const lines = f.source.split('\n').length - (f.source.endsWith('\n') ? 1 : 0)
    if (lines > max) found.push(`${root}/${f.path}: ${lines} lines (at most ${max}; split it by concern)`)
  }
  return found
}
