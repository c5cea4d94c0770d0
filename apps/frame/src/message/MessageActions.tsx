import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { options } from '../options/index.js'
import type { Message } from '../thread/index.js'
import { useConversation } from './context.js'
import { errorText, messageText } from './text.js'

import { copyText } from './clipboard.js'

/**
 * Copy (always), and feedback / retry / share / branch in new chat when `threadItemActions` turns
 * them on. Branching is refused while an answer streams (the button says why).
 */
export function MessageActions({ message, isLast, idle, time }: { message: Message; isLast: boolean; idle: boolean; time?: ComponentChildren }) {
  const actions = useConversation()
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const [branchFailed, setBranchFailed] = useState<string | null>(null)
  const flags = options.value?.threadItemActions ?? {}
  const failed = message.status === 'error'
  const copy = async () => {
    setCopied((await copyText(messageText(message))) ? 'yes' : 'no')
    setTimeout(() => setCopied(null), 1500)
  }
  return (
    <div class="ck-actions" role="toolbar" aria-label={t('actions.label')}>
      <button type="button" class="ck-action" onClick={copy} aria-label={t('actions.copy')}>
        {copied === 'yes' ? t('actions.copied') : copied === 'no' ? t('actions.copyFailed') : t('actions.copy')}
      </button>
      {flags.feedback === true && !failed && (
        <>
          <button
            type="button"
            class="ck-action"
            aria-label={t('actions.like')}
            aria-pressed={message.feedback === 'like'}
            onClick={() => actions.feedback(message.id, 'like')}
          >
            👍
          </button>
          <button
            type="button"
            class="ck-action"
            aria-label={t('actions.dislike')}
            aria-pressed={message.feedback === 'dislike'}
            onClick={() => actions.feedback(message.id, 'dislike')}
          >
            👎
          </button>
        </>
      )}
      {isLast && (flags.retry === true || failed) && (
        <button type="button" class="ck-action" aria-label={t('actions.retry')} onClick={() => actions.retry()}>
          {t('actions.retry')}
        </button>
      )}
      {flags.branch === true && message.status === 'done' && (
        <button
          type="button"
          class="ck-action"
          aria-disabled={idle ? undefined : 'true'}
          title={idle ? undefined : t('branches.busy')}
          onClick={() => {
            if (!idle) return
            setBranchFailed(null)
            actions.branchInNewChat(message.id).catch((e: unknown) => setBranchFailed(errorText(e)))
          }}
        >
          {t('actions.branch')}
        </button>
      )}
      {flags.share === true && (
        <button type="button" class="ck-action" aria-label={t('actions.share')} onClick={() => actions.share(message)}>
          {t('actions.share')}
        </button>
      )}
      {branchFailed && (
        <span class="ck-error" role="alert">
          {t('actions.branchFailed', { reason: branchFailed })}
        </span>
      )}
      {time}
    </div>
  )
}
