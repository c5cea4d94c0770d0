import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { errorResponse } from '@xpert-ai/chatkit-server'
import { FRAME_PATH } from './frame-static.js'

/** Where the host SDK build lives: `packages/chatkit-js/dist`, found from this file. */
export const DEFAULT_SDK_DIR = fileURLToPath(new URL('../../../packages/chatkit-js/dist/', import.meta.url))

export const SDK_PATH = `${FRAME_PATH}sdk/`

/**
 * The files of the host SDK a page may load straight from the frame origin, without npm:
 * - `chatkit.js`       ES module (`import { createChatKit } from '…/chatkit.js'`)
 * - `chatkit.iife.js`  classic script, sets `window.ChatKit`
 * - `launcher.js`      ES module of the floating launcher (imports `./index.js`, the ES module again)
 * - `pet.js`           the pet (`displayMode: 'pet'`), which the element fetches from next to itself
 *                      only when a page uses one (from `chatkit.js` and `chatkit.iife.js` alike)
 * - `floating.js`      what the launcher and the pet share (both import it)
 * - `host-fetch.js`    ES module, `api.fetch`'s host half: both SDK files load it on first use
 */
const FILES: Record<string, string> = {
  'chatkit.js': 'index.js',
  'index.js': 'index.js',
  'chatkit.iife.js': 'chatkit.iife.js',
  'launcher.js': 'launcher.js',
  'pet.js': 'pet.js',
  'floating.js': 'floating.js',
  'host-fetch.js': 'host-fetch.js',
}

/** The SDK version this server ships (the chatkit-js package version), part of every SDK URL. */
export function sdkVersion(dir = DEFAULT_SDK_DIR): string {
  return (JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version: string }).version
}

/** `https://chat.example.com` → `https://chat.example.com/chatkit/sdk/<version>/`. */
export const sdkBaseUrl = (origin: string, version: string) => `${origin}${SDK_PATH}${version}/`

/**
 * Serves `/chatkit/sdk/<version>/<file>`: immutable (the version is in the URL; a new server
 * version serves a new URL), readable cross-origin (module scripts need CORS), never sniffed.
 * Another version is a 404 naming the one this server has.
 */
export function createSdkHandler(dir = DEFAULT_SDK_DIR) {
  const version = sdkVersion(dir)
  const cache = new Map<string, Uint8Array<ArrayBuffer>>()
  return async function serveSdk(req: Request): Promise<Response> {
    const { pathname } = new URL(req.url)
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return errorResponse(405, 'method_not_allowed', `${req.method} is not allowed here; use GET, HEAD`, { allow: 'GET, HEAD' })
    const [v, name, ...rest] = pathname.slice(SDK_PATH.length).split('/')
    const file = rest.length === 0 && name !== undefined && Object.hasOwn(FILES, name) ? FILES[name] : null
    if (v !== version || file === null) {
      return errorResponse(404, 'not_found', `no SDK file ${pathname}; this server serves ${SDK_PATH}${version}/{${Object.keys(FILES).join(',')}}`)
    }
    let bytes = cache.get(file)
    if (!bytes) {
      try {
        bytes = new Uint8Array(await readFile(join(dir, file)))
      } catch {
        return errorResponse(503, ApiErrorCodes.SdkNotBuilt, `the host SDK is not built (no ${join(dir, file)}). Run: pnpm --filter @xpert-ai/chatkit-js build`)
      }
      cache.set(file, bytes)
    }
    return new Response(req.method === 'HEAD' ? null : bytes, {
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      },
    })
  }
}
