import type { ModelOption, ToolOption } from '@xpert-ai/chatkit-protocol'
import { Icon, lazyComponent } from '../shared/index.js'
import { t } from '../i18n/index.js'

export type ToolbarProps = {
  onAttach?: () => void
  tools: ToolOption[]
  toolId: string | null
  onTool(id: string | null): void
  models: ModelOption[]
  modelId: string | null
  onModel(id: string): void
}

/**
 * Attach button, tool menu (pinned tools as toggles, every tool in the select) and model picker.
 * Native selects: keyboard, screen readers and touch all work without custom menu code; models with
 * avatars get a menu that shows them (`ModelMenu.tsx`, loaded then).
 */
export function Toolbar({ onAttach, tools, toolId, onTool, models, modelId, onModel }: ToolbarProps) {
  return (
    <div class="ck-toolbar">
      {onAttach && (
        <button type="button" class="ck-tool-button" aria-label={t('composer.attach')} title={t('composer.attach')} onClick={onAttach}>
          <Icon name="paperclip" />
        </button>
      )}
      {tools
        .filter((tool) => tool.pinned)
        .map((tool) => (
          <button
            type="button"
            key={tool.id}
            class="ck-tool-button ck-tool-pinned"
            aria-pressed={toolId === tool.id ? 'true' : 'false'}
            onClick={() => onTool(toolId === tool.id ? null : tool.id)}
          >
            <Icon name={tool.icon} />
            <span>{tool.shortLabel ?? tool.label}</span>
          </button>
        ))}
      {tools.length > 0 && (
        <select class="ck-select" aria-label={t('composer.tool')} value={toolId ?? ''} onChange={(e) => onTool(e.currentTarget.value || null)}>
          <option value="">{t('composer.noTool')}</option>
          {tools.map((tool) => (
            <option key={tool.id} value={tool.id}>
              {tool.label}
            </option>
          ))}
        </select>
      )}
      {models.some((m) => m.avatar) ? (
        <ModelMenu models={models} modelId={modelId} onModel={onModel} />
      ) : (
        models.length > 0 && <ModelSelect models={models} modelId={modelId} onModel={onModel} />
      )}
    </div>
  )
}

type ModelProps = Pick<ToolbarProps, 'models' | 'modelId' | 'onModel'>

function ModelSelect({ models, modelId, onModel }: ModelProps) {
  return (
    <select class="ck-select" aria-label={t('composer.model')} value={modelId ?? ''} onChange={(e) => onModel(e.currentTarget.value)}>
      {models.map((m) => (
        <option key={m.id} value={m.id} disabled={m.disabled} title={m.description}>
          {m.label}
        </option>
      ))}
    </select>
  )
}

/** With avatars (`composer.models[].avatar`) the picker is a menu showing them; its code loads then (the select meanwhile). */
const ModelMenu = lazyComponent<ModelProps>(() => import('../ui/extras.js').then((m) => m.ModelMenu), ModelSelect)

export function validTools(v: unknown): ToolOption[] {
  return Array.isArray(v) ? v.filter((x): x is ToolOption => !!x && typeof x.id === 'string' && typeof x.label === 'string') : []
}

export function validModels(v: unknown): ModelOption[] {
  return Array.isArray(v) ? v.filter((x): x is ModelOption => !!x && typeof x.id === 'string' && typeof x.label === 'string') : []
}

/** The chosen model, else the option marked default, else the first enabled one. */
export function effectiveModel(models: ModelOption[], chosen: string | null): string | null {
  if (chosen && models.some((m) => m.id === chosen && !m.disabled)) return chosen
  return (models.find((m) => m.default && !m.disabled) ?? models.find((m) => !m.disabled))?.id ?? null
}
