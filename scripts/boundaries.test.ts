import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { frameBoundaries, importsOf, longFiles, readSources, serverBoundaries, violations } from './boundaries.js'

const repo = fileURLToPath(new URL('..', import.meta.url))

describe('folder boundaries inside packages', () => {
  it('the server and the frame keep their folder rules', () => {
    expect(violations(readSources(repo, serverBoundaries.root), serverBoundaries)).toEqual([])
    expect(violations(readSources(repo, frameBoundaries.root), frameBoundaries)).toEqual([])
  })

  it('reads static, side-effect and dynamic imports, and only relative ones', () => {
    const src = `import a from './a.js'\nimport type { B } from '../b/b.js'\nimport './c.css'\nconst d = () => import('../d/index.js')\nexport { e } from './e.js'\nimport { f } from '@xpert-ai/chatkit-protocol'\n`
    expect(importsOf(src)).toEqual(['./a.js', '../b/b.js', './c.css', '../d/index.js', './e.js'])
  })

  it('fails on a deliberately wrong import of each kind the review lists', () => {
    const server = (path: string, source: string) => violations([{ path, source }], serverBoundaries)
    // S1/S2: the engine parsing HTTP bodies or throwing statuses.
    expect(server('engine/turn.ts', "import { conflict } from '../http/errors.js'")).toEqual([
      "packages/server/src/engine/turn.ts: imports '../http/errors.js' (engine/ may import only agent, events, files, observe, shapes, store, util)",
    ])
    // S3: the engine calling up into services.
    expect(server('engine/history.ts', "import { x } from '../services/api-shapes.js'")).toHaveLength(1)
    // S4: a service depending on the routes' Deps bag.
    expect(server('services/threads.ts', "import type { Deps } from '../context.js'")).toEqual([
      "packages/server/src/services/threads.ts: imports '../context.js' (services/ may not import context.ts)",
    ])
    // Shapes stay pure.
    expect(server('shapes/api-shapes.ts', "import { y } from '../engine/turn.js'")).toHaveLength(1)
    // Deep import past a door.
    expect(server('handler.ts', "import { runRoutes } from './routes/runs.js'")).toEqual([
      "packages/server/src/handler.ts: imports './routes/runs.js' (enter routes/ through its index.ts)",
    ])
    expect(server('handler.ts', "import { routes } from './routes/index.js'")).toEqual([])
    // F4: the frame's model reaching into the bridge's internals.
    const frame = (path: string, source: string) => violations([{ path, source }], frameBoundaries)
    expect(frame('thread/controller.ts', "import type { Emit } from '../bridge/host.js'")).toEqual([
      "apps/frame/src/thread/controller.ts: imports '../bridge/host.js' (enter bridge/ through its index.ts)",
    ])
    expect(frame('api/client.ts', "import { t } from '../i18n/index.js'")).toHaveLength(1)
    // The frame's new shape: the pure model imports nothing, not even the rest of the thread.
    expect(frame('thread/model/reducer.ts', "import { ApiClient } from '../../api/index.js'")).toEqual([
      "apps/frame/src/thread/model/reducer.ts: imports '../../api/index.js' (thread/model/ may import only itself)",
    ])
    expect(frame('thread/model/events.ts', "import { delay } from '../../shared/index.js'")).toHaveLength(1)
    // The thread's effects enter the model through its door, and never reach the UI or the wiring.
    expect(frame('thread/controller.ts', "import { reduce } from './model/reducer.js'")).toEqual([
      "apps/frame/src/thread/controller.ts: imports './model/reducer.js' (enter thread/model/ through its index.ts)",
    ])
    expect(frame('thread/controller.ts', "import { reduce } from './model/index.js'")).toEqual([])
    expect(frame('thread/run.ts', "import { loadFollow } from '../app/answer-code.js'")).toEqual([
      "apps/frame/src/thread/run.ts: imports '../app/answer-code.js' (thread/ may import only api, bridge, shared, thread/model)",
      "apps/frame/src/thread/run.ts: imports '../app/answer-code.js' (enter app/ through its index.ts)",
    ])
    // The doors of message/, markdown/, options/, attachments/, ui/ and app/: a deep import fails,
    // the door passes; a lazy part's listed path holds for that file and target only.
    expect(frame('composer/Composer.tsx', "import { options } from '../options/store.js'")).toEqual([
      "apps/frame/src/composer/Composer.tsx: imports '../options/store.js' (enter options/ through its index.ts)",
    ])
    expect(frame('composer/Composer.tsx', "import { options } from '../options/index.js'")).toEqual([])
    expect(frame('main.tsx', "import { App } from './ui/App.js'")).toHaveLength(1)
    expect(frame('main.tsx', "import { composeFrame } from './app/compose.js'")).toHaveLength(1)
    expect(frame('ui/App.tsx', "import { useConversation } from '../message/context.js'")).toHaveLength(1)
    expect(frame('start/Disclaimer.tsx', "import { Markdown } from '../markdown/Markdown.js'")).toHaveLength(1)
    expect(frame('composer/Composer.tsx', "import { acceptAttribute } from '../attachments/validate.js'")).toHaveLength(1)
    expect(frame('message/MessageView.tsx', "import { decideImage } from '../markdown/urls.js'")).toEqual([])
    expect(frame('message/MessageView.tsx', "import { Markdown } from '../markdown/Markdown.js'")).toHaveLength(1)
    expect(frame('start/Disclaimer.tsx', "import { decideImage } from '../markdown/urls.js'")).toHaveLength(1)
    // F1-F3: shared primitives sit in shared/ and know no feature; features enter shared/, thread/,
    // composer/ and history/ through their doors.
    expect(frame('shared/lazy.tsx', "import { x } from '../composer/index.js'")).toHaveLength(1)
    expect(frame('markdown/paced.ts', "import { perAnimationFrame } from '../shared/schedule.js'")).toHaveLength(1)
    expect(frame('ui/App.tsx', "import { Composer } from '../composer/Composer.js'")).toHaveLength(1)
    expect(frame('ui/App.tsx', "import type { Message } from '../thread/model/types.js'")).toHaveLength(1)
    expect(frame('app/compose.ts', "import { createHistoryVisibility } from '../history/visibility.js'")).toHaveLength(1)
    // A documented exception holds for its file only.
    expect(frame('bridge/host-message.ts', "import { withExtras } from '../composer/run-extras.js'")).toEqual([])
    expect(frame('bridge/methods.ts', "import { withExtras } from '../composer/run-extras.js'")).toHaveLength(1)
    // A lazy chunk is named by its path: import() may pass a door.
    expect(frame('app/api-fetch.ts', "const m = await import('../bridge/host-fetch.js')")).toEqual([])
  })
})

describe('file length', () => {
  it('no code file in the frame or the server is over 300 lines, tests included', () => {
    for (const root of [frameBoundaries.root, serverBoundaries.root]) {
      const files = readSources(repo, root, true)
      expect(files.some((f) => f.path.endsWith('.test.ts'))).toBe(true)
      expect(longFiles(files, root)).toEqual([])
    }
  })

  it('fails on a file of 301 lines, not on one of 300', () => {
    const lines = (n: number) => `${Array.from({ length: n }, (_, i) => `const a${i} = ${i}`).join('\n')}\n`
    expect(longFiles([{ path: 'thread/ok.ts', source: lines(300) }], 'apps/frame/src')).toEqual([])
    expect(longFiles([{ path: 'thread/long.ts', source: lines(301) }], 'apps/frame/src')).toEqual([
      'apps/frame/src/thread/long.ts: 301 lines (at most 300; split it by concern)',
    ])
  })
})
