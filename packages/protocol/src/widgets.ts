/**
 * Widget trees (the ChatKit widget spec). Kept structural here so every value typed by
 * `@xpert-ai/chatkit-types` is accepted; the frame validates nodes at render time.
 */
export type WidgetNode = { type: string; key?: string; id?: string; [prop: string]: unknown }
export type WidgetRoot = WidgetNode & { type: 'Card' | 'ListView' | 'Basic' | (string & {}) }
export type BasicRoot = WidgetNode & { type: 'Basic' }
export type WidgetAction = { type: string; payload?: Record<string, unknown>; [key: string]: unknown }
