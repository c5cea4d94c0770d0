import type { ChatKitHandlerConfig } from '@xpert-ai/chatkit-server'

/** Upload limits from flags and env; the library's defaults apply to what is not given. */
export type UploadConfig = Omit<NonNullable<ChatKitHandlerConfig['files']>, 'blobs' | 'maxBytes'>

/** `parseArgs` options for the upload limits (merged into the CLI's option table). */
export const UPLOAD_OPTIONS = {
  'max-files-per-user': { type: 'string' },
  'max-upload-mb-per-user': { type: 'string' },
  'max-uploads-at-once': { type: 'string' },
  'disk-quota-mb': { type: 'string' },
  'orphan-grace-hours': { type: 'string' },
  'file-sweep-minutes': { type: 'string' },
} as const

export const UPLOAD_USAGE = `  --max-files-per-user <n>  files one user may keep, all their sessions together
                          (CHATKIT_MAX_FILES_PER_USER, default 100)
  --max-upload-mb-per-user <n>  MB of files one user may keep (CHATKIT_MAX_UPLOAD_MB_PER_USER,
                          default 500)
  --max-uploads-at-once <n>  uploads one user may have in progress (CHATKIT_MAX_UPLOADS_AT_ONCE,
                          default 4)
  --disk-quota-mb <n>     MB all uploads together may take (CHATKIT_DISK_QUOTA_MB, default none)
  --orphan-grace-hours <n>  files never sent in a message are deleted after this
                          (CHATKIT_ORPHAN_GRACE_HOURS, default 24)
  --file-sweep-minutes <n>  how often orphans and stray bytes are collected, 0: at startup only
                          (CHATKIT_FILE_SWEEP_MINUTES, default 10)`

type Values = { [K in keyof typeof UPLOAD_OPTIONS]?: string }

/** Reads the upload limits; `fail` reports a bad value (a ConfigError in the CLI). */
export function parseUploadConfig(values: Values, env: NodeJS.ProcessEnv, fail: (message: string) => Error): UploadConfig {
  const read = (flag: keyof Values, name: string, min: number, max: number): number | undefined => {
    const raw = values[flag] ?? (env[name] ? env[name] : undefined)
    if (raw === undefined) return undefined
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw fail(`--${flag} / ${name}: expected a whole number from ${min} to ${max}, got "${raw}"`)
    }
    return Number(raw)
  }
  const MB = 1024 * 1024
  const files = read('max-files-per-user', 'CHATKIT_MAX_FILES_PER_USER', 1, 1_000_000)
  const mb = read('max-upload-mb-per-user', 'CHATKIT_MAX_UPLOAD_MB_PER_USER', 1, 10_000_000)
  const atOnce = read('max-uploads-at-once', 'CHATKIT_MAX_UPLOADS_AT_ONCE', 1, 1000)
  const disk = read('disk-quota-mb', 'CHATKIT_DISK_QUOTA_MB', 1, 1_000_000_000)
  const grace = read('orphan-grace-hours', 'CHATKIT_ORPHAN_GRACE_HOURS', 1, 100_000)
  const sweep = read('file-sweep-minutes', 'CHATKIT_FILE_SWEEP_MINUTES', 0, 100_000)
  const out: UploadConfig = {}
  if (files !== undefined) out.maxFilesPerUser = files
  if (mb !== undefined) out.maxBytesPerUser = mb * MB
  if (atOnce !== undefined) out.maxConcurrentPerUser = atOnce
  if (disk !== undefined) out.diskQuotaBytes = disk * MB
  if (grace !== undefined) out.orphanGraceMs = grace * 3_600_000
  if (sweep !== undefined) out.sweepIntervalMs = sweep * 60_000
  return out
}
