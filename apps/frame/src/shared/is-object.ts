/** A plain data object (not null, not an array): the frame's one check for untrusted JSON shapes — the protocol's `isRecord`, the same check the server and host SDK use. */
export { isRecord as isObject } from '@xpert-ai/chatkit-protocol'
