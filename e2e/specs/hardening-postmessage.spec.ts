/**
 * Hostile host pages and frames: thousands of seeded forged, malformed, oversized (10 MB) and
 * replayed postMessages, at both sides of the bridge, from every window that can reach them:
 *
 * into the frame — the host page itself (right origin, right source: only the window guard stands
 * between it and penpal once connected), a same-origin iframe on the host page and a same-origin
 * popup (right origin, wrong source). (A window on another origin cannot reach the frame at all:
 * the iframe is in a shadow root, so it is in no window's `frames`.)
 *
 * into the host page's SDK — an iframe and a popup on another origin, a same-origin popup, the host
 * page posting to itself (wrong source, wrong origin), and the frame's own realm (right source,
 * right origin: the host's guard stands alone).
 *
 * Expected: no page errors or console errors anywhere, no `chatkit.error`, no second `ready`, the
 * forgeries changed nothing (composer, events), the host ⇄ frame link still works both ways, a chat
 * still gets its answer, and the JS heap after GC is back within a bound smaller than one 10 MB
 * message (none is retained).
 */
import type { Server } from 'node:http'
import { expect, test, type CDPSession, type Frame, type Page } from '@playwright/test'
import { record, scale } from '../../scripts/hardening-report.mjs'
import { E2E } from '../support/ports.js'
import { chatFrame, events, frameOf, lastAnswer, method, openHost } from '../support/sdk-host.js'
import { closeServer, serveRoutes } from '../support/static-server.js'

const SEED = Number(process.env.HARDENING_SEED ?? 20261126)
/** Messages per sender, and how many of them are 10 MB. */
const PER_SENDER = scale(400, 3000)
const BIG_PER_SENDER = scale(1, 3)
/** Heap growth after GC that would mean a message was kept: less than one 10 MB message. */
const HEAP_BOUND = 8 * 1024 * 1024

let servers: Server[] = []
test.afterEach(async () => {
  await Promise.all(servers.map(closeServer))
  servers = []
})

type Recorder = { __fuzzDone: string[]; __captured: unknown[] }

/**
 * Runs first in every document (init script, before the page's own scripts and listeners): counts
 * the fuzzers' end markers, and captures real penpal traffic (window messages and MessagePort
 * posts) to replay later.
 */
function recorder() {
  const w = window as unknown as Recorder
  w.__fuzzDone = []
  w.__captured = []
  const keep = (m: unknown) => {
    if (w.__captured.length < 40 && m && typeof m === 'object' && (m as { namespace?: unknown }).namespace === 'penpal') {
      try {
        w.__captured.push(structuredClone(m))
      } catch {}
    }
  }
  window.addEventListener(
    'message',
    (e) => {
      const d = e.data
      if (typeof d === 'string' && d.startsWith('fuzz-done:')) w.__fuzzDone.push(d)
      else keep(d)
    },
    true,
  )
  const post = MessagePort.prototype.postMessage
  MessagePort.prototype.postMessage = function (this: MessagePort, m: unknown, ...rest: unknown[]) {
    keep(m)
    return (post as (...a: unknown[]) => void).call(this, m, ...rest)
  }
}

type FuzzArgs = { seed: number; count: number; big: number; target: string; tag: string; replay: unknown[] }

/**
 * The fuzzer, run inside a sender's document (self-contained: Playwright ships its source). Posts
 * `count` seeded messages to `target`, `big` of them 10 MB, then an end marker; returns how many
 * it posted.
 */
function fuzz({ seed, count, big, target, tag, replay }: FuzzArgs): number {
  let a = seed >>> 0
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(rnd() * n)
  const pick = <T>(xs: T[]): T => xs[int(xs.length)]
  const chat = (doc: Document) => doc.querySelector('xpertai-chatkit')!.shadowRoot!.querySelector('iframe')!.contentWindow!
  const to: Window = (
    {
      parent: () => parent,
      opener: () => opener as Window,
      self: () => window,
      chatFromHost: () => chat(document),
      chatFromParent: () => chat(parent.document),
      chatFromOpener: () => chat((opener as Window).document),
    } as Record<string, () => Window>
  )[target]()
  const METHODS = [
    'hello',
    'setOptions',
    'sendUserMessage',
    'setComposerValue',
    'focusComposer',
    'setThreadId',
    'fetchUpdates',
    'stop',
    'sendCustomAction',
    'setHistoryOpen',
    'showHistory',
    'invoke',
    'emit',
    'fetch',
    'hostHello',
    'protocolMismatch',
    '__proto__',
    'constructor',
    'toString',
  ]
  const str = (): string =>
    pick([
      '',
      'x',
      'penpal',
      'xpertai-chatkit',
      '__proto__',
      '<img src=x onerror=alert(1)>',
      '\u0000\uffff\ud800',
      'a'.repeat(int(5000)),
      String(rnd()),
      `forged by ${tag}`,
    ])
  const json = (d: number): unknown => {
    switch (int(d > 4 ? 4 : 7)) {
      case 0:
        return null
      case 1:
        return rnd() < 0.5
      case 2:
        return pick([0, -0, 1e308, -1, NaN, Infinity, int(1e9)])
      case 3:
        return str()
      case 4:
        return Array.from({ length: int(6) }, () => json(d + 1))
      default: {
        const o: Record<string, unknown> = {}
        for (let i = int(6); i--; ) o[str().slice(0, 20)] = json(d + 1)
        return o
      }
    }
  }
  const forgedCall = () => ({
    namespace: 'penpal',
    channel: 'xpertai-chatkit',
    type: 'CALL',
    id: String(int(1e6)),
    methodPath: ['setComposerValue'],
    args: [{ text: `forged by ${tag}` }],
  })
  const kinds: (() => [unknown, Transferable[]?])[] = [
    // penpal v7-shaped, our channel mostly, every message type, odd field types
    () => [
      {
        namespace: 'penpal',
        channel: pick(['xpertai-chatkit', 'xpertai-chatkit', 'other', undefined, 5]),
        type: pick(['SYN', 'ACK1', 'ACK2', 'CALL', 'REPLY', 'DESTROY', 'BOGUS', 7, null]),
        participantId: pick([String(rnd()), 'deprecated-penpal', {}, 5, undefined]),
        id: pick([String(int(1e6)), int(9), {}, undefined]),
        callId: String(int(1e6)),
        methodPath: pick([[pick(METHODS)], [pick(METHODS), pick(METHODS)], pick(METHODS), 5, null, [{}]]),
        methodPaths: pick([[['emit']], 'x', undefined]),
        args: pick([[json(0)], json(0), [{ text: `forged by ${tag}` }], ['error', { error: { code: 'forged', message: `forged by ${tag}` } }]]),
        value: json(0),
        isError: rnd() < 0.5,
      },
    ],
    () => [forgedCall()],
    // penpal v6-shaped (never ours)
    () => [
      {
        penpal: pick(['syn', 'synAck', 'ack', 'call', 'reply', 5, null]),
        methodName: pick([pick(METHODS), 5, null, {}]),
        id: int(100),
        args: [json(0)],
        methodNames: pick([['setComposerValue'], 5]),
      },
    ],
    // a forged ACK2 carrying a real MessagePort
    () => {
      const { port1 } = new MessageChannel()
      return [{ namespace: 'penpal', channel: 'xpertai-chatkit', type: 'ACK2' }, [port1]]
    },
    // random JSON
    () => [json(0)],
    () => [JSON.stringify(json(0))],
    // structured-clone oddities
    () => {
      switch (int(12)) {
        case 0:
          return [new Blob([str()])]
        case 1: {
          const buf = new ArrayBuffer(int(1 << 20))
          return [buf, rnd() < 0.5 ? [buf] : []]
        }
        case 2:
          return [new Uint8Array(int(4096))]
        case 3:
          return [
            new Map<unknown, unknown>([
              [str(), json(0)],
              ['namespace', 'penpal'],
            ]),
          ]
        case 4:
          return [new Set([1, 'a', { namespace: 'penpal' }])]
        case 5:
          return [new Date(int(1e12))]
        case 6:
          return [/re(g)ex/gi]
        case 7: {
          const c: Record<string, unknown> = { namespace: 'penpal', channel: 'xpertai-chatkit' }
          c.self = c
          c.type = c
          c.args = [c]
          return [c]
        }
        case 8:
          return [new Error(`forged by ${tag}`)]
        case 9:
          return [BigInt('12345678901234567890')]
        case 10:
          return [Object.assign(new Array(100), { 50: 'x' })]
        default:
          return [new DataView(new ArrayBuffer(8))]
      }
    },
  ]
  const BIG = 'x'.repeat(10 * 1024 * 1024)
  let posted = 0
  const send = (m: unknown, transfer: Transferable[] = []) => {
    to.postMessage(m, '*', transfer)
    posted++
  }
  for (const m of replay) send(m)
  for (let i = 0; i < count; i++) {
    if (big && i % Math.floor(count / big) === 0) send(rnd() < 0.5 ? BIG : { ...forgedCall(), args: [{ text: BIG }] })
    else {
      const [m, transfer] = pick(kinds)()
      send(m, transfer)
    }
  }
  to.postMessage(`fuzz-done:${tag}`, '*')
  return posted
}

/** Used JS heap of a target after a full GC (CDP). */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  return (await cdp.send('Runtime.getHeapUsage')).usedSize
}

const captured = (f: Page | Frame) => f.evaluate(() => (window as unknown as Recorder).__captured)
const doneIn = (f: Page | Frame) => f.evaluate(() => (window as unknown as Recorder).__fuzzDone)

test.describe(() => {
  // The host page's CSP frames only the ChatKit origin: lifted so the hostile iframe can load.
  test.use({ bypassCSP: true })

  test('forged, malformed, oversized and replayed postMessages at both sides are ignored, without errors or memory growth', async ({ page, context }) => {
    test.setTimeout(scale(90_000, 600_000))
    const problems: string[] = []
    const watch = (p: Page) => {
      p.on('pageerror', (e) => problems.push(`pageerror ${p.url()}: ${e.message}`))
      p.on('console', (m) => m.type() === 'error' && problems.push(`console ${m.location().url}: ${m.text()}`))
    }
    watch(page)
    context.on('page', watch)
    const blank = { type: 'text/html', body: '<!doctype html><title>hostile</title>' }
    servers.push(await serveRoutes(E2E.evilPort, { '/evil.html': blank, '/favicon.ico': { type: 'image/x-icon', body: '' } }))
    await context.addInitScript(recorder)

    await openHost(page)
    const frame = frameOf(page)
    // Real traffic both ways (captured for the replays): a call into the frame, an answer with events.
    expect(await method(page, 'setComposerValue', { text: 'draft' })).toEqual({ ok: true })
    await method(page, 'sendUserMessage', { text: 'hello before the storm' })
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
    const fromHost = await captured(page)
    const fromFrame = await captured(frame)
    expect(fromHost.length).toBeGreaterThan(2)
    expect(fromFrame.length).toBeGreaterThan(2)
    await method(page, 'setComposerValue', { text: '' })

    // The page's heap is its renderer's V8 isolate; the frame (same site: 127.0.0.1) normally lives
    // in it. Were it out of process, it gets its own session and is measured too.
    const cdp = await context.newCDPSession(page)
    const frameCdp = await context.newCDPSession(frame).catch(() => null)
    const before = await heapAfterGc(cdp)
    const frameBefore = frameCdp ? await heapAfterGc(frameCdp) : 0
    const readyBefore = (await events(page, 'ready')).length

    // The senders.
    const sameOriginFrame = await page.evaluate(() => {
      const f = document.createElement('iframe')
      f.name = 'same-origin-sibling'
      document.body.append(f)
      return f.name
    })
    await page.evaluate(
      (src) =>
        new Promise((r) => {
          const f = document.createElement('iframe')
          f.name = 'evil-sibling'
          f.onload = r
          f.src = src
          document.body.append(f)
        }),
      `${E2E.evil}/evil.html`,
    )
    const [evilPopup] = await Promise.all([context.waitForEvent('page'), page.evaluate((src) => void window.open(src, 'evil-popup'), `${E2E.evil}/evil.html`)])
    await evilPopup.waitForLoadState()
    const [samePopup] = await Promise.all([context.waitForEvent('page'), page.evaluate(() => void window.open('about:blank', 'same-popup'))])
    const byName = (name: string) => page.frames().find((f) => f.name() === name)!

    type Sender = { who: Page | Frame; target: string; receiver: Page | Frame; replay: unknown[]; tag: string }
    const senders: Sender[] = [
      // into the frame
      { tag: 'host page → frame', who: page, target: 'chatFromHost', receiver: frame, replay: [...fromHost, ...fromFrame] },
      { tag: 'same-origin iframe → frame', who: byName(sameOriginFrame), target: 'chatFromParent', receiver: frame, replay: fromHost },
      { tag: 'same-origin popup → frame', who: samePopup, target: 'chatFromOpener', receiver: frame, replay: fromHost },
      // into the host page's SDK
      { tag: 'frame realm → host', who: frame, target: 'parent', receiver: page, replay: [...fromFrame, ...fromHost] },
      { tag: 'host page → itself', who: page, target: 'self', receiver: page, replay: fromFrame },
      { tag: 'other-origin iframe → host', who: byName('evil-sibling'), target: 'parent', receiver: page, replay: fromFrame },
      { tag: 'other-origin popup → host', who: evilPopup, target: 'opener', receiver: page, replay: fromFrame },
      { tag: 'same-origin popup → host', who: samePopup, target: 'opener', receiver: page, replay: fromFrame },
    ]
    let fuzzed = 0
    for (const [i, s] of senders.entries()) {
      fuzzed += await s.who.evaluate(fuzz, { seed: SEED + i, count: PER_SENDER, big: BIG_PER_SENDER, target: s.target, tag: s.tag, replay: s.replay })
      await expect.poll(() => doneIn(s.receiver), { timeout: 30_000 }).toContain(`fuzz-done:${s.tag}`)
    }
    await evilPopup.close()
    await samePopup.close()
    await page.evaluate(() =>
      document.querySelectorAll('iframe[name$="-sibling"]').forEach((f) => {
        f.remove()
      }),
    )

    const after = await heapAfterGc(cdp)
    const frameAfter = frameCdp ? await heapAfterGc(frameCdp) : 0
    // Nothing the forgeries asked for happened, and the link works both ways.
    await expect(chatFrame(page).locator('textarea[aria-label="Message"]')).toHaveValue('')
    expect((await events(page, 'error')).map((e) => e.detail)).toEqual([])
    expect(await events(page, 'ready')).toHaveLength(readyBefore)
    expect(await method(page, 'setComposerValue', { text: 'real' })).toEqual({ ok: true })
    await expect(chatFrame(page).locator('textarea[aria-label="Message"]')).toHaveValue('real')
    await method(page, 'setComposerValue', { text: '' })
    const answers = await chatFrame(page).locator('article[data-message-role="assistant"]').count()
    await method(page, 'sendUserMessage', { text: 'hello after the storm' })
    await expect(chatFrame(page).locator('article[data-message-role="assistant"]')).toHaveCount(answers + 1)
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done')
    expect((await events(page, 'error')).map((e) => e.detail)).toEqual([])

    record(
      'hostile postMessage',
      { messagesFuzzed: fuzzed, crashes: problems.length },
      `seed ${SEED}, ${senders.length} senders, ${BIG_PER_SENDER * senders.length} × 10 MB, heap after GC ${(before / 1e6).toFixed(1)} → ${(after / 1e6).toFixed(1)} MB${frameCdp ? `, frame ${(frameBefore / 1e6).toFixed(1)} → ${(frameAfter / 1e6).toFixed(1)} MB` : ' (frame in the same isolate)'}`,
    )
    expect(problems).toEqual([])
    expect(after - before).toBeLessThan(HEAP_BOUND)
    expect(frameAfter - frameBefore).toBeLessThan(HEAP_BOUND)
  })
})
