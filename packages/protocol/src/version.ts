/**
 * Version of the host ⇄ frame RPC protocol (semver). Host and frame exchange it in the handshake:
 * a different major is incompatible; a different minor works, and a call to something the other
 * side lacks is refused by name through the capability lists (never a silent hang, unlike the
 * "Command onSetOptions not supported" outage the anchors had on a frame deploy).
 */
export const PROTOCOL_VERSION = '1.0.0'

export type VersionCheck = { ok: true } | { ok: false; reason: string }

/** Parses `major.minor.patch`; returns null for anything else. */
export function parseVersion(v: unknown): [number, number, number] | null {
  if (typeof v !== 'string') return null
  const m = /^(\d{1,4})\.(\d{1,4})\.(\d{1,4})$/.exec(v)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}

/** Host and frame are compatible when their protocol majors agree. */
export function checkProtocolVersion(host: unknown, frame: unknown): VersionCheck {
  const h = parseVersion(host)
  const f = parseVersion(frame)
  if (!h || !f) {
    return { ok: false, reason: `unreadable protocol version (host ${String(host)}, frame ${String(frame)})` }
  }
  if (h[0] !== f[0]) {
    return {
      ok: false,
      reason: `incompatible protocol versions: host ${String(host)}, frame ${String(frame)} (major versions differ)`,
    }
  }
  return { ok: true }
}
