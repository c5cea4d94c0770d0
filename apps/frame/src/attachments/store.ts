/**
 * The files attached to the message being written. Each file uploads as soon as it is added;
 * the message can be sent only when every file is uploaded (`ready`), so nothing goes out
 * half-uploaded. A failed upload stays visible with its reason until the user removes it.
 * Image previews are object URLs, revoked when the file leaves the tray.
 */
import { computed, signal } from '@preact/signals'
import { checkFiles, type AttachmentRules, type Refusal } from './validate.js'
import type { UploadedFile } from './upload.js'

export type Attachment = {
  key: string
  name: string
  size: number
  type: string
  previewUrl?: string
  /** 0–1 while uploading. */
  progress: number
  status: 'uploading' | 'done' | 'error'
  error?: string
  file?: UploadedFile
}

export type TrayDeps = {
  upload(file: File, onProgress: (f: number) => void, signal: AbortSignal): Promise<UploadedFile>
  objectUrl?: { create(f: Blob): string; revoke(url: string): void }
}

let seq = 0

export class AttachmentTray {
  readonly items = signal<Attachment[]>([])
  readonly refusals = signal<Refusal[]>([])
  /** No file, or every file uploaded. */
  readonly ready = computed(() => this.items.value.every((a) => a.status === 'done'))
  readonly #deps: TrayDeps
  readonly #aborts = new Map<string, AbortController>()
  readonly #urls: TrayDeps['objectUrl']

  constructor(deps: TrayDeps) {
    this.#deps = deps
    this.#urls =
      deps.objectUrl ??
      (typeof URL.createObjectURL === 'function' ? { create: (b) => URL.createObjectURL(b), revoke: (u) => URL.revokeObjectURL(u) } : undefined)
  }

  add(files: readonly File[], rules: AttachmentRules): void {
    if (!rules.enabled || !files.length) return
    const { accepted, refused } = checkFiles(files, this.items.value.length, rules)
    this.refusals.value = refused
    for (const file of accepted) this.#start(file)
  }

  #start(file: File) {
    const key = `a${++seq}`
    const previewUrl = file.type.startsWith('image/') && this.#urls ? this.#urls.create(file) : undefined
    this.items.value = [...this.items.value, { key, name: file.name, size: file.size, type: file.type, previewUrl, progress: 0, status: 'uploading' }]
    const abort = new AbortController()
    this.#aborts.set(key, abort)
    this.#deps
      .upload(file, (progress) => this.#patch(key, { progress }), abort.signal)
      .then(
        (uploaded) => this.#patch(key, { status: 'done', progress: 1, file: uploaded }),
        (e: Error) => {
          if (!abort.signal.aborted) this.#patch(key, { status: 'error', error: e.message })
        },
      )
      .finally(() => this.#aborts.delete(key))
  }

  #patch(key: string, change: Partial<Attachment>) {
    this.items.value = this.items.value.map((a) => (a.key === key ? { ...a, ...change } : a))
  }

  /** Removes a file, cancelling its upload if it is still running. */
  remove(key: string): void {
    this.#aborts.get(key)?.abort()
    const gone = this.items.value.find((a) => a.key === key)
    if (gone?.previewUrl) this.#revoke(gone.previewUrl)
    this.items.value = this.items.value.filter((a) => a.key !== key)
  }

  dismissRefusals(): void {
    this.refusals.value = []
  }

  /** The uploaded files for the run request, and an empty tray (previews stay until sent). */
  take(): UploadedFile[] {
    const files = this.items.value.flatMap((a) => (a.file ? [a.file] : []))
    for (const a of this.items.value) if (a.previewUrl) this.#revoke(a.previewUrl)
    this.items.value = []
    this.refusals.value = []
    return files
  }

  #revoke(url: string) {
    this.#urls?.revoke(url)
  }
}
