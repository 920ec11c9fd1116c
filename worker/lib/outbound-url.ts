// The SSRF guard for every URL the worker calls on a customer's behalf (webhooks, Slack, help
// desks). Checked when the URL is saved and again before each attempt.
//
// Production: https only, ports 443 or 8443, no credentials in the URL, and no literal address
// outside public unicast, nor localhost / *.localhost / *.internal / *.local names. The WHATWG URL
// parser has already turned 2130706433, 0x7f.1 or 017700000001 into 127.0.0.1 and IPv6 into its
// compressed form; ipaddr.js (https://github.com/whitequark/ipaddr.js) names the address's range.
// An IPv6 address that carries an IPv4 one (mapped, translated, IPv4-compatible, 6to4, Teredo,
// NAT64) is judged as that IPv4 address. A *name* that resolves to a private address is not
// caught here (Workers cannot resolve DNS before fetch); Cloudflare's edge does not route to
// private networks, which covers it in production.
//
// WEBHOOKS_ALLOW_LOCAL=true (local development and tests only) also allows http or https to
// 127.0.0.1, [::1] and localhost on any port, so a receiver on the developer's machine works.
import ipaddr from 'ipaddr.js'

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string }

const ALLOWED_PORTS = new Set(['', '443', '8443'])
const LOCAL_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])
const BLOCKED_NAMES = /(^|\.)(localhost|internal|local|localdomain|home\.arpa)$|^metadata$/

export const allowLocalTargets = (env: { WEBHOOKS_ALLOW_LOCAL?: string }) =>
  env.WEBHOOKS_ALLOW_LOCAL === 'true'

const fromBits = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255])

/**
 * The IPv4 addresses an IPv6 address carries, by the mechanism its range names; [] when it
 * carries none. 64:ff9b:1::/48 (RFC 8215) is a network's own translator: refused by range.
 */
function embeddedV4(addr: ipaddr.IPv6): ipaddr.IPv4[] {
  const p = addr.parts
  switch (addr.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d (RFC 4291)
    case 'rfc6145': // ::ffff:0:a.b.c.d, IPv4-translated
      return [fromBits(p[6], p[7])]
    case 'rfc6052': // 64:ff9b::a.b.c.d, NAT64 (RFC 6052)
      return p[2] === 0 ? [fromBits(p[6], p[7])] : []
    case '6to4': // 2002:AABB:CCDD::/48 (RFC 3056)
      return [fromBits(p[1], p[2])]
    case 'teredo': // 2001:0:server:flags:port:client, the client's bits inverted (RFC 4380)
      return [fromBits(p[2], p[3]), fromBits(p[6] ^ 0xffff, p[7] ^ 0xffff)]
    default:
      return []
  }
}

/** Public unicast, or refused: ipaddr.js names every special range (RFC 6890 and later). */
function publicAddress(host: string): boolean {
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return ipaddr.IPv4.parse(host).range() === 'unicast'
  if (!host.startsWith('[')) return true // a name
  const inner = host.slice(1, -1)
  if (!ipaddr.IPv6.isValid(inner)) return false
  const addr = ipaddr.IPv6.parse(inner)
  const carried = embeddedV4(addr)
  if (carried.length) return carried.every((v4) => v4.range() === 'unicast')
  // Outside 2000::/3 nothing is global unicast: ::a.b.c.d (IPv4-compatible, deprecated) and the
  // unassigned space are refused with the named special ranges.
  return addr.range() === 'unicast' && addr.match(ipaddr.IPv6.parse('2000::'), 3)
}

/** Checks a target URL; `reason` is written for the API caller. */
export function checkOutboundUrl(raw: string, opts: { allowLocal: boolean }): UrlCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'is not a URL' }
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: 'must be an https:// URL' }
  if (url.username || url.password)
    return { ok: false, reason: 'must not carry a user name or password' }
  if (opts.allowLocal && LOCAL_HOSTS.has(host)) return { ok: true, url }
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be an https:// URL' }
  if (!ALLOWED_PORTS.has(url.port)) return { ok: false, reason: 'must use port 443 or 8443' }
  if (!publicAddress(host) || BLOCKED_NAMES.test(host))
    return { ok: false, reason: 'must not point to a private, local or metadata address' }
  if (!host.includes('.') && !host.startsWith('['))
    return { ok: false, reason: 'must name a public host' }
  return { ok: true, url }
}
