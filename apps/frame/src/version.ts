/** The frame's package version, reported in the handshake (keep in step with package.json). */
export const FRAME_VERSION = '0.1.0'
