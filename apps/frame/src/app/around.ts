/**
 * Wires the parts around the conversation (issue 6): attachments upload through the API client,
 * the history list, the thread title, theme and language following the options, and the composer's
 * path to host callbacks. Created once next to `createServices`.
 */
import { effect } from '@preact/signals'
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { ApiClient } from '../api/index.js'
import { AttachmentTray } from '../attachments/store.js'
import { callHost, type HostLink } from '../bridge/index.js'
import type { ComposerHost, Draft } from '../composer/Composer.js'
import { hasExtras, withExtras } from '../composer/run-extras.js'
import { watchThreadTitle } from '../header/title.js'
import { deleteConversation, getConversation, renameConversation, searchConversations } from '../history/api.js'
import type { HistoryDeps } from '../history/store.js'
import { setLocale } from '../i18n/index.js'
import { apiSettings, hasCallback, options } from '../options/store.js'
import { retrySession } from './session.js'
import { applyPresentation } from './presentation.js'
import type { ThreadController } from '../thread/controller.js'

const RTL = new Set(['ar', 'he', 'fa', 'ur'])

export function createAround(deps: { api: ApiClient; host: HostLink; controller: ThreadController; doc?: Document }) {
  const { api, host, controller } = deps
  const doc = deps.doc ?? document

  // The upload code loads with the first attached file.
  // Where it goes (`api.uploadStrategy`) and who sends it (`api.fetch`) are read per upload.
  const tray = new AttachmentTray({
    upload: (file, progress, signal) => {
      const strategy = options.value?.api?.uploadStrategy
      const target = { url: strategy?.type === 'direct' ? strategy.uploadUrl : undefined, twoPhase: strategy?.type === 'two_phase', viaHost: hasCallback('api.fetch') }
      return import('../attachments/upload.js').then((m) => m.uploadFile(api, file, progress, signal, target))
    },
  })
  const history: HistoryDeps = {
    search: (q, signal) => searchConversations(api, { ...q, xpertId: apiSettings.value?.assistantId }, signal),
    rename: (id, title) => renameConversation(api, id, title),
    remove: (id) => deleteConversation(api, id),
  }
  watchThreadTitle(controller.state, (id) => getConversation(api, id))

  // Theme: every setOptions re-applies; a bad value is reported once per change, the rest applies.
  // `'light'`/`'dark'` need only the stylesheet's defaults; the theme code loads for a theme object.
  let themeNames: string[] = []
  let lastProblems = ''
  let themeToken = 0
  effect(() => {
    const o = options.value
    if (!o) return
    const theme = o.theme
    const token = ++themeToken
    if (typeof theme !== 'object' && !themeNames.length) {
      doc.documentElement.dataset.colorScheme = theme === 'dark' ? 'dark' : 'light'
      return
    }
    void import('../theme/index.js').then(({ applyTheme }) => {
      if (token !== themeToken) return
      const r = applyTheme(doc, theme, themeNames)
      themeNames = r.names
      const key = r.problems.join('\n')
      if (key && key !== lastProblems) for (const p of r.problems) host.emitError(new ChatKitError(ErrorCodes.InvalidOptions, p))
      lastProblems = key
    })
  })

  effect(() => {
    const o = options.value
    if (o) applyPresentation(doc.documentElement, o as Parameters<typeof applyPresentation>[1])
  })

  // Language: the locale option, else the browser's; `lang` and `dir` follow the resolved file.
  effect(() => {
    const o = options.value
    if (!o) return
    const wanted = typeof o.locale === 'string' && o.locale ? o.locale : navigator.language
    setLocale(wanted).then(
      (locale) => {
        doc.documentElement.lang = locale
        doc.documentElement.dir = RTL.has(locale.split('-')[0]) ? 'rtl' : 'ltr'
      },
      (e) => host.emitError(new ChatKitError(ErrorCodes.InvalidOptions, `could not load the "${wanted}" strings: ${(e as Error).message}`)),
    )
  })

  const composerHost: ComposerHost = {
    invoke: callHost,
    can: hasCallback,
    emit: host.emit,
    transcribe: (wav, signal) => api.json('POST', '/audio/transcriptions', { body: wav, signal }),
  }

  /** Sends a composer draft; false (and an error event) when it cannot be sent now. */
  const sendDraft = (d: Draft): boolean => {
    // Sending again is also a Retry when the host could not renew the session.
    retrySession()
    try {
      // The model goes on every run through the controller's request options, so it is not an extra here.
      const extras = { files: d.files, model: null, toolId: d.toolId, entities: d.entities }
      void controller.send(d.text, hasExtras(extras) ? { extend: (b) => withExtras(b, extras) } : {})
      return true
    } catch (e) {
      host.emitError(e)
      return false
    }
  }

  return { tray, history, composerHost, sendDraft, reportError: (e: unknown) => host.emitError(e) }
}

export type Around = ReturnType<typeof createAround>
