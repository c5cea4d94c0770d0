export { connectToHost } from './connect.js'
export { createFrameMethods, type FrameMethodDeps } from './methods.js'
export { createHostLink, type Emit, type HostLink } from './host.js'
export { readAllowedOrigins, allowedOriginsFrom, toPenpalOrigin, type AllowedOrigins } from './origins.js'
