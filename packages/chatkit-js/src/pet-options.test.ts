// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { petConfig } from './pet-options.js'
import { clamp, panelSpot, pinned } from './pet-place.js'

const api = { apiUrl: 'http://127.0.0.1:8787/api/ai', getClientSecret: async () => 's' }

describe('pet options', () => {
  it("displayMode 'pet' alone gets XpertAI's defaults; `pet` without displayMode 'pet' is a companion; off is off", () => {
    expect(petConfig({ api, displayMode: 'pet' })).toEqual({
      problems: [],
      config: {
        mode: 'panel',
        sprite: undefined,
        pin: 'bottom-right',
        draggable: true,
        persist: true,
        padding: { top: 0, right: 0, bottom: 0, left: 0 },
        zIndex: 40,
        width: 48,
        height: 52,
        behavior: 'auto',
        ariaLabel: 'Open chat',
        imageRendering: 'auto',
      },
    })
    expect(petConfig({ api, pet: true }).config).toMatchObject({ mode: 'companion', ariaLabel: 'Animated pet' })
    expect(petConfig({ api }).config).toBeNull()
    expect(petConfig({ api, pet: { enabled: false } }).config).toBeNull()
    const off = petConfig({ api, displayMode: 'pet', pet: { enabled: false } })
    expect(off.config).toBeNull()
    expect(off.problems[0]).toMatch(/^displayMode: 'pet' with the pet turned off/)
  })

  it('takes every field; a sprite atlas is completed from the default grid', () => {
    const { config, problems } = petConfig({
      api,
      displayMode: 'pet',
      pet: {
        character: {
          type: 'sprite-atlas',
          src: '/pets/boba.webp',
          atlas: { columns: 4, rows: 2, cellWidth: 64, cellHeight: 80, animations: { waving: { row: 1, frames: 3, frameDurations: [90] } } },
        },
        position: { pin: 'top', draggable: false, scale: 1, persist: false, boundsPadding: { top: 10 }, zIndex: 9 },
        behavior: 'manual',
        ariaLabel: 'Ask Boba',
        imageRendering: 'pixelated',
      },
    })
    expect(problems).toEqual([])
    expect(config).toMatchObject({
      pin: 'top',
      draggable: false,
      persist: false,
      zIndex: 9,
      width: 64,
      height: 80,
      behavior: 'manual',
      ariaLabel: 'Ask Boba',
      imageRendering: 'pixelated',
      padding: { top: 10, right: 0, bottom: 0, left: 0 },
    })
    expect(config!.sprite!.src).toBe(`${location.origin}/pets/boba.webp`)
    expect(config!.sprite!.atlas.animations.waving).toEqual({ row: 1, frames: 3, frameDurations: [90] })
    // Rows beyond a 2-row sheet and frames beyond 4 columns are cut to fit.
    expect(config!.sprite!.atlas.animations.failed).toMatchObject({ row: 1, frames: 4 })
    // No src: the built-in character (as XpertAI does).
    expect(petConfig({ api, pet: { character: { type: 'sprite-atlas', src: '' } } }).config!.sprite).toBeUndefined()
  })

  it('names each bad value and keeps its default, so the pet still shows', () => {
    const { config, problems } = petConfig({
      api,
      displayMode: 'pet',
      pet: {
        character: { type: 'sprite-atlas', src: 'javascript:alert(1)' },
        position: { pin: 'middle' as never, scale: 0, boundsPadding: -1, zIndex: 1.5, draggable: 'yes' as never },
        behavior: 'wild' as never,
        ariaLabel: '',
        imageRendering: 'smooth' as never,
      },
    })
    expect(config).toMatchObject({
      sprite: undefined,
      pin: 'bottom-right',
      width: 48,
      draggable: true,
      zIndex: 40,
      behavior: 'auto',
      ariaLabel: 'Open chat',
      imageRendering: 'auto',
    })
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'pet.position.scale',
      'pet.character.src',
      'pet.position.pin',
      'pet.position.draggable',
      'pet.position.boundsPadding',
      'pet.position.zIndex',
      'pet.behavior',
      'pet.ariaLabel',
      'pet.imageRendering',
    ])
    expect(petConfig({ api, pet: { character: { type: 'image', src: 'https://x.example/cat.png' } as never } }).problems[0]).toMatch(
      /^pet\.character: expected \{type: 'sprite-atlas'/,
    )
    expect(petConfig({ api, pet: 'yes' as never }).problems).toEqual(['pet: expected true, false or a pet object, got "yes"'])
    expect(petConfig({ api, pet: { character: { type: 'sprite-atlas', src: 'data:text/html,<b>x</b>' } } }).problems[0]).toMatch(
      /^pet\.character\.src: expected an http\(s\) or data:image\/ URL/,
    )
  })
})

describe('pet place', () => {
  const view = { width: 1000, height: 800 }
  const size = { width: 50, height: 50 }
  const pad = { top: 10, right: 20, bottom: 30, left: 40 }
  it('pins the nine spots inside the padding and clamps a position into it', () => {
    expect(pinned('top-left', size, view, pad)).toEqual({ x: 40, y: 10 })
    expect(pinned('top', size, view, pad)).toEqual({ x: 475, y: 10 })
    expect(pinned('right', size, view, pad)).toEqual({ x: 930, y: 375 })
    expect(pinned('center', size, view, pad)).toEqual({ x: 475, y: 375 })
    expect(pinned('bottom-right', size, view, pad)).toEqual({ x: 930, y: 720 })
    expect(pinned(null, size, view, pad)).toEqual({ x: 930, y: 720 })
    expect(pinned('bottom-left', size, view, pad)).toEqual({ x: 40, y: 720 })
    expect(clamp({ x: -5, y: 9999 }, size, view, pad)).toEqual({ x: 40, y: 720 })
  })

  it('opens the panel above the pet, else below, else beside it, never over it', () => {
    const panel = { width: 400, height: 300 }
    expect(panelSpot({ x: 930, y: 720 }, size, panel, view)).toEqual({ x: 580, y: 408 })
    expect(panelSpot({ x: 40, y: 10 }, size, panel, view)).toEqual({ x: 40, y: 72 })
    expect(panelSpot({ x: 40, y: 375 }, size, { width: 400, height: 700 }, view)).toEqual({ x: 102, y: 50 })
  })
})
