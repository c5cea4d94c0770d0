/**
 * The model picker when a model has an `avatar` (`composer.models[].avatar`): a menu button that
 * shows the chosen model's avatar and name, opening a menu of models (radio items), each with its
 * avatar. Avatars are decorative (`alt=""`, the name is the text) and load only as the frame's
 * image policy allows (its own origin, the server's `--image-origins`, a small raster `data:`
 * URL: what the CSP's img-src permits); any other, or one that fails to load, shows the name's
 * first letter. Keyboard as the ARIA menu pattern (`shared/use-menu.ts`). Loaded on first use:
 * without avatars the picker stays a native select.
 */
import type { ModelOption } from '@xpert-ai/chatkit-protocol'
import { useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import { decideImage } from '../markdown/urls.js'
import { useMenu } from '../shared/use-menu.js'
import './model-menu.css'

export type ModelMenuProps = { models: ModelOption[]; modelId: string | null; onModel(id: string): void }

/** The image URL of an avatar (a URL, or `{url}`), if the frame may load it; else null. */
export function avatarSrc(avatar: ModelOption['avatar']): string | null {
  const raw = typeof avatar === 'string' ? avatar : avatar && typeof avatar.url === 'string' ? avatar.url : null
  if (!raw) return null
  const d = decideImage(raw)
  return 'load' in d ? d.load : null
}

/** The first letter of a name, as the avatar's fallback. */
export function initialOf(label: string): string {
  return ([...label.trim()][0] ?? '?').toLocaleUpperCase()
}

function ModelAvatar({ model }: { model: ModelOption }) {
  const src = avatarSrc(model.avatar)
  const [broken, setBroken] = useState<string | null>(null)
  const shown = src && broken !== src
  return (
    // The initial is drawn by CSS (`content: attr(data-initial) / ""`): no text of its own, so the name stays the only text.
    <span class="ck-model-avatar" aria-hidden="true" data-avatar={shown ? 'image' : 'initial'} data-initial={initialOf(model.label)}>
      {shown && <img src={src} alt="" width={20} height={20} onError={() => setBroken(src)} />}
    </span>
  )
}

export function ModelMenu({ models, modelId, onModel }: ModelMenuProps) {
  const { open, buttonProps, menu, close, onMenuKeyDown, onFocusOut } = useMenu('[role="menuitemradio"]:not([aria-disabled="true"])', (items) =>
    items.find((el) => el.getAttribute('aria-checked') === 'true'),
  )
  const chosen = models.find((m) => m.id === modelId)
  return (
    <div class="ck-model-menu" onFocusOut={onFocusOut}>
      <button {...buttonProps('ck-model-list')} class="ck-select ck-model-button" id="ck-model-button" aria-labelledby="ck-model-name ck-model-chosen">
        <span class="ck-sr-only" id="ck-model-name">
          {t('composer.model')}
        </span>
        {chosen && <ModelAvatar model={chosen} />}
        <span class="ck-model-label" id="ck-model-chosen">
          {chosen?.label ?? ''}
        </span>
      </button>
      {open && (
        <div ref={menu} role="menu" id="ck-model-list" class="ck-menu ck-model-list" aria-labelledby="ck-model-name" onKeyDown={onMenuKeyDown}>
          {models.map((m) => (
            <button
              key={m.id}
              type="button"
              role="menuitemradio"
              tabIndex={-1}
              data-model-id={m.id}
              aria-checked={m.id === modelId ? 'true' : 'false'}
              aria-disabled={m.disabled ? 'true' : undefined}
              title={m.description}
              onClick={() => {
                if (m.disabled) return
                onModel(m.id)
                close()
              }}
            >
              <ModelAvatar model={m} />
              <span class="ck-model-label">{m.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
