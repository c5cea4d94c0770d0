import type { ComponentContent } from '@xpert-ai/chatkit-protocol'

const STATUS_LABEL: Record<string, string> = { running: 'Running', success: 'Done', fail: 'Failed' }

/** A tool step: title and status for now; input/output previews come with the conversation issue. */
export function ToolStep({ id, data }: { id: string; data: ComponentContent['data'] }) {
  const status = typeof data.status === 'string' ? data.status : 'running'
  const title = typeof data.title === 'string' && data.title ? data.title : typeof data.type === 'string' ? data.type : 'Tool'
  return (
    <div class="ck-tool" data-tool-id={id} data-tool-status={status}>
      <span class="ck-tool-dot" aria-hidden="true" />
      <span class="ck-tool-title">{title}</span>
      <span class="ck-tool-status">{STATUS_LABEL[status] ?? status}</span>
    </div>
  )
}
