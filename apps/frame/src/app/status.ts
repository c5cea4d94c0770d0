import { signal } from '@preact/signals'

/**
 * Whether the frame can work at all. `fatal` replaces the whole UI with a clear explanation:
 * not embedded, no allowed parents, handshake failed, incompatible host.
 */
export type FrameStatus = { kind: 'connecting' } | { kind: 'connected' } | { kind: 'fatal'; title: string; message: string }

export const frameStatus = signal<FrameStatus>({ kind: 'connecting' })

export function fail(title: string, message: string): void {
  frameStatus.value = { kind: 'fatal', title, message }
}
