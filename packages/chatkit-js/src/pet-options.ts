/**
 * The pet's options, checked and completed with XpertAI's defaults (`@xpert-ai/chatkit-types`
 * `normalizePetOptions`: pin bottom-right, draggable, scale 0.25 of a 192 × 208 cell, persisted,
 * z-index 40, behavior auto). A bad value is named in `problems` (reported as `chatkit.error`) and
 * its default used, so one typo never takes the chat down.
 */
import { type ChatKitOptions, type ChatKitPetAnimationName, type ChatKitPetPin, isRecord } from '@xpert-ai/chatkit-protocol'
import { imageUrl, OPEN_LABEL } from './floating.js'

type PetAnimation = { row: number; frames: number; frameDurations: number[] }
type PetAtlas = { columns: number; rows: number; cellWidth: number; cellHeight: number; animations: Record<ChatKitPetAnimationName, PetAnimation> }
export type Padding = { top: number; right: number; bottom: number; left: number }

export type PetConfig = {
  /** `panel`: displayMode 'pet', the pet opens the chat; `companion`: the chat stays inline, the pet focuses it. */
  mode: 'panel' | 'companion'
  /** A sprite sheet, or none: the built-in character. */
  sprite?: { src: string; atlas: PetAtlas }
  pin: ChatKitPetPin | null
  draggable: boolean
  persist: boolean
  padding: Padding
  zIndex: number
  width: number
  height: number
  behavior: 'auto' | 'manual'
  ariaLabel: string
  imageRendering: 'auto' | 'pixelated' | 'crisp-edges'
}

const PINS: readonly ChatKitPetPin[] = ['top-left', 'top', 'top-right', 'left', 'center', 'right', 'bottom-left', 'bottom', 'bottom-right']
const ANIMATIONS: [ChatKitPetAnimationName, number, number[]][] = [
  ['idle', 6, [280, 110, 110, 140, 140, 320]],
  ['running-right', 8, [120, 120, 120, 120, 120, 120, 120, 220]],
  ['running-left', 8, [120, 120, 120, 120, 120, 120, 120, 220]],
  ['waving', 4, [140, 140, 140, 280]],
  ['jumping', 5, [140, 140, 140, 140, 280]],
  ['failed', 8, [140, 140, 140, 140, 140, 140, 140, 240]],
  ['waiting', 6, [150, 150, 150, 150, 150, 260]],
  ['running', 6, [120, 120, 120, 120, 120, 220]],
  ['review', 6, [150, 150, 150, 150, 150, 280]],
]
const ANIMATION_NAMES = ANIMATIONS.map(([n]) => n)
/** XpertAI's sprite grid: 8 columns × 9 rows (one animation a row) of 192 × 208 px. */
const CELL = { width: 192, height: 208 }

type Obj = Record<string, unknown>
const show = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 60)

/** The pet to show for these options, or `null` (none), and what was wrong with them. */
export function petConfig(options: ChatKitOptions): { config: PetConfig | null; problems: string[] } {
  const problems: string[] = []
  const mode = options.displayMode === 'pet' ? 'panel' : 'companion'
  const raw = options.pet as unknown
  if (raw !== undefined && raw !== null && typeof raw !== 'boolean' && !isRecord(raw))
    problems.push(`pet: expected true, false or a pet object, got ${show(raw)}`)
  const pet: Obj = isRecord(raw) ? raw : {}
  if (mode === 'panel' && (raw === false || pet.enabled === false)) {
    problems.push("displayMode: 'pet' with the pet turned off (pet false or pet.enabled false) leaves nothing to open the chat; it shows inline")
    return { config: null, problems }
  }
  if (mode === 'companion' && (!raw || pet.enabled === false)) return { config: null, problems }

  // Each field: its value if valid, else the default (and a problem when it was set).
  const pick = <T>(obj: Obj, path: string, key: string, ok: (v: unknown) => boolean, want: string, fallback: T): T => {
    const v = obj[key]
    if (v === undefined) return fallback
    if (ok(v)) return v as T
    problems.push(`pet.${path}${key}: expected ${want}, got ${show(v)}`)
    return fallback
  }
  const num = (min: number, max: number) => (v: unknown) => typeof v === 'number' && v >= min && v <= max
  const int = (min: number, max: number) => (v: unknown) => Number.isInteger(v) && num(min, max)(v)
  const bool = (v: unknown) => typeof v === 'boolean'
  const oneOf = (list: readonly unknown[]) => (v: unknown) => list.includes(v)

  const position: Obj = isRecord(pet.position) ? pet.position : {}
  if (pet.position !== undefined && !isRecord(pet.position)) problems.push(`pet.position: expected an object, got ${show(pet.position)}`)
  const scale = pick(position, 'position.', 'scale', num(0.05, 4), 'a number from 0.05 to 4', 0.25)
  const sprite = character(pet.character, problems)
  const cell = sprite ? { width: sprite.atlas.cellWidth, height: sprite.atlas.cellHeight } : CELL
  return {
    config: {
      mode,
      sprite,
      pin: pick(position, 'position.', 'pin', (v) => v === null || PINS.includes(v as ChatKitPetPin), `null or one of ${PINS.join(', ')}`, 'bottom-right'),
      draggable: pick(position, 'position.', 'draggable', bool, 'true or false', true),
      persist: pick(position, 'position.', 'persist', bool, 'true or false', true),
      padding: padding(position.boundsPadding, problems),
      zIndex: pick(position, 'position.', 'zIndex', int(-2147483647, 2147483646), 'an integer', 40),
      width: Math.round(cell.width * scale),
      height: Math.round(cell.height * scale),
      behavior: pick(pet, '', 'behavior', oneOf(['auto', 'manual']), "'auto' or 'manual'", 'auto'),
      ariaLabel: pick(
        pet,
        '',
        'ariaLabel',
        (v) => typeof v === 'string' && v.trim() !== '' && v.length <= 200,
        'a non-empty text (≤ 200 characters)',
        mode === 'panel' ? OPEN_LABEL : 'Animated pet',
      ),
      imageRendering: pick(pet, '', 'imageRendering', oneOf(['auto', 'pixelated', 'crisp-edges']), "'auto', 'pixelated' or 'crisp-edges'", 'auto'),
    },
    problems,
  }
}

function padding(v: unknown, problems: string[]): Padding {
  const ok = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 10_000
  const out: Padding = { top: 0, right: 0, bottom: 0, left: 0 }
  if (v === undefined) return out
  if (ok(v)) return { top: v as number, right: v as number, bottom: v as number, left: v as number }
  if (isRecord(v) && Object.keys(v).every((k) => k in out && ok(v[k]))) return { ...out, ...(v as Partial<Padding>) }
  problems.push(`pet.position.boundsPadding: expected pixels (0–10000) or {top, right, bottom, left} of them, got ${show(v)}`)
  return out
}

/** A sprite-atlas character, or `undefined` for the built-in one (no character, or no `src`, as in XpertAI). */
function character(v: unknown, problems: string[]): PetConfig['sprite'] {
  if (v === undefined || v === null) return undefined
  if (!isRecord(v) || v.type !== 'sprite-atlas') {
    problems.push(`pet.character: expected {type: 'sprite-atlas', src, atlas?}, got ${show(v)}; the built-in character is shown`)
    return undefined
  }
  if (v.src === undefined || v.src === '') return undefined
  const url = imageUrl(v.src)
  if ('error' in url) {
    problems.push(`pet.character.src: ${url.error}; the built-in character is shown`)
    return undefined
  }
  const a: Obj = isRecord(v.atlas) ? v.atlas : {}
  const dim = (key: string, fallback: number, max: number) => {
    const n = a[key]
    if (n === undefined) return fallback
    if (Number.isInteger(n) && (n as number) > 0 && (n as number) <= max) return n as number
    problems.push(`pet.character.atlas.${key}: expected an integer from 1 to ${max}, got ${show(n)}`)
    return fallback
  }
  const columns = dim('columns', 8, 64)
  const rows = dim('rows', 9, 64)
  const given: Obj = isRecord(a.animations) ? a.animations : {}
  for (const name of Object.keys(given))
    if (!ANIMATION_NAMES.includes(name as ChatKitPetAnimationName))
      problems.push(`pet.character.atlas.animations.${name}: not an animation (${ANIMATION_NAMES.join(', ')})`)
  const animations = {} as Record<ChatKitPetAnimationName, PetAnimation>
  ANIMATIONS.forEach(([name, frames, frameDurations], row) => {
    const o: Obj = isRecord(given[name]) ? given[name] : {}
    const anim: PetAnimation = {
      row: Number.isInteger(o.row) && (o.row as number) >= 0 && (o.row as number) < rows ? (o.row as number) : Math.min(row, rows - 1),
      frames: Number.isInteger(o.frames) && (o.frames as number) > 0 && (o.frames as number) <= columns ? (o.frames as number) : Math.min(frames, columns),
      frameDurations:
        Array.isArray(o.frameDurations) && o.frameDurations.length && o.frameDurations.every((d) => typeof d === 'number' && d > 0)
          ? (o.frameDurations as number[])
          : frameDurations,
    }
    for (const k of ['row', 'frames', 'frameDurations'] as const) {
      if (o[k] !== undefined && o[k] !== anim[k])
        problems.push(
          `pet.character.atlas.animations.${name}.${k}: ${show(o[k])} does not fit a ${columns} × ${rows} atlas (or is not a list of positive durations)`,
        )
    }
    animations[name] = anim
  })
  return {
    src: url.href,
    atlas: { columns, rows, cellWidth: dim('cellWidth', CELL.width, 4096), cellHeight: dim('cellHeight', CELL.height, 4096), animations },
  }
}
