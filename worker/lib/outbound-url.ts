// The SSRF guard for every URL the worker calls on a customer's behalf (webhooks, Slack, help
// desks). Checked when the URL is saved and again before each attempt.
//
// Production: https only, ports 443 or 8443, no credentials in the URL, and no literal private,
// loopback, link-local, CGNAT, multicast or metadata address, nor localhost / *.localhost /
// *.internal / *.local names. The WHATWG URL parser has already turned 2130706433, 0x7f.1 or
// 017700000001 into 127.0.0.1, so the checks see canonical addresses. A *name* that resolves to a
// private address is not caught here (Workers cannot resolve DNS before fetch); Cloudflare's edge
// does not route to private networks, which covers it in production.
//
// WEBHOOKS_ALLOW_LOCAL=true (local development and tests only) also allows http or https to
// 127.0.0.1, [::1] and localhost on any port, so a receiver on the developer's machine works.

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string }

const ALLOWED_PORTS = new Set(['', '443', '8443'])
const LOCAL_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])
const BLOCKED_NAMES = /(^|\.)(localhost|internal|local|localdomain|home\.arpa)$|^metadata$/

export const allowLocalTargets = (env: { WEBHOOKS_ALLOW_LOCAL?: string }) =>
  env.WEBHOOKS_ALLOW_LOCAL === 'true'

function ipv4(host: string): number[] | undefined {
  const m = host.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/)
  return m ? m.slice(1).map(Number) : undefined
}

/** Private, loopback, link-local (169.254/16 holds the cloud metadata service), CGNAT, … */
function blockedV4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  )
}

/** The eight 16-bit groups of a canonical (URL-serialised) IPv6 address. */
function v6Groups(host: string): number[] {
  const inner = host.slice(1, -1)
  const [head, tail] = inner.includes('::') ? inner.split('::') : [inner, undefined]
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : [])
  const h = parse(head)
  const t = parse(tail)
  return tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill(0), ...t]
}

function blockedV6(host: string): boolean {
  const g = v6Groups(host)
  if (g.length !== 8 || g.some(Number.isNaN)) return true
  const zeroPrefix = g.slice(0, 5).every((x) => x === 0)
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) carry an IPv4 address: judge that one.
  if (zeroPrefix && (g[5] === 0xffff || g[5] === 0)) {
    if (g[5] === 0 && g[6] === 0 && g[7] <= 1) return true // :: and ::1
    return blockedV4([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255])
  }
  return (
    (g[0] & 0xfe00) === 0xfc00 || // fc00::/7 unique local (AWS metadata fd00:ec2::254 too)
    (g[0] & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (g[0] & 0xff00) === 0xff00 || // multicast
    (g[0] === 0x64 && g[1] === 0xff9b) || // NAT64 of any IPv4, private ones included
    (g[0] === 0x2001 && g[1] === 0xdb8) // documentation
  )
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
  const v4 = ipv4(host)
  if (v4 ? blockedV4(v4) : host.startsWith('[') ? blockedV6(host) : BLOCKED_NAMES.test(host))
    return { ok: false, reason: 'must not point to a private, local or metadata address' }
  if (!v4 && !host.startsWith('[') && !host.includes('.'))
    return { ok: false, reason: 'must name a public host' }
  return { ok: true, url }
}
