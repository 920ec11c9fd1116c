import { describe, expect, it } from 'vitest'
import { checkOutboundUrl } from '../../../worker/lib/outbound-url'
import { PRIVATE_HOSTS, PUBLIC_HOSTS } from './address-spellings'

const prod = (url: string) => checkOutboundUrl(url, { allowLocal: false })
const dev = (url: string) => checkOutboundUrl(url, { allowLocal: true })

// Each of these must be refused in production, whatever spelling reaches the same place.
const REFUSED: [string, RegExp][] = [
  ['http://hooks.example.com/x', /https/],
  ['ftp://example.com/x', /https/],
  ['file:///etc/passwd', /https/],
  ['javascript:alert(1)', /https/],
  ['not a url', /not a URL/],
  ['https://user:pw@hooks.example.com/x', /user name/],
  ['https://hooks.example.com:8080/x', /port/],
  ['https://hooks.example.com:80/x', /port/],
  ['https://localhost/x', /private|local/],
  ['https://LOCALHOST./x', /private|local/],
  ['https://api.localhost/x', /private|local/],
  ['https://metadata.google.internal/computeMetadata/v1/', /private|local/],
  ['https://metadata/x', /private|local/],
  ['https://printer.local/x', /private|local/],
  ['https://intranet/x', /public host/],
  ['https://127.0.0.1/x', /private/],
  ['https://127.1.2.3/x', /private/],
  ['https://2130706433/x', /private/], // 127.0.0.1 as one number
  ['https://0x7f000001/x', /private/],
  ['https://017700000001/x', /private/], // octal
  ['https://0.0.0.0/x', /private/],
  ['https://10.1.2.3/x', /private/],
  ['https://172.16.0.1/x', /private/],
  ['https://172.31.255.255/x', /private/],
  ['https://192.168.1.1/x', /private/],
  ['https://169.254.169.254/latest/meta-data/', /private/], // cloud metadata
  ['https://100.100.100.200/x', /private/], // Alibaba metadata, CGNAT range
  ['https://224.0.0.1/x', /private/],
  ['https://[::1]/x', /private/],
  ['https://[::]/x', /private/],
  ['https://[::ffff:127.0.0.1]/x', /private/],
  ['https://[::ffff:169.254.169.254]/x', /private/],
  ['https://[fe80::1]/x', /private/],
  ['https://[fd00:ec2::254]/x', /private/], // AWS metadata over IPv6
  ['https://[64:ff9b::a00:1]/x', /private/], // NAT64 of 10.0.0.1
]

const ALLOWED = [
  'https://hooks.example.com/kundepuls',
  'https://hooks.example.com:8443/kundepuls',
  'https://hooks.example.com:443/kundepuls',
  'https://hooks.slack.com/services/T000/B000/XXXX',
  'https://8.8.8.8/hook',
  'https://172.32.0.1/hook', // just outside 172.16/12
  'https://[2606:4700:4700::1111]/hook',
]

describe('the outbound URL guard', () => {
  it.each(REFUSED)('refuses %s in production', (url, why) => {
    const r = prod(url)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(why)
  })

  it.each(ALLOWED)('allows %s in production', (url) => {
    expect(prod(url).ok).toBe(true)
  })

  it('has at least 60 private spellings to check', () => {
    expect(PRIVATE_HOSTS.length).toBeGreaterThanOrEqual(60)
  })

  it.each(PRIVATE_HOSTS)('refuses https://%s (%s), whatever its spelling', (host) => {
    const r = prod(`https://${host}/hook`)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/private, local or metadata/)
  })

  it.each(PUBLIC_HOSTS)('allows https://%s (%s)', (host) => {
    expect(prod(`https://${host}/hook`)).toMatchObject({ ok: true })
  })

  it('allows http to 127.0.0.1, [::1] and localhost on any port only with WEBHOOKS_ALLOW_LOCAL', () => {
    for (const url of [
      'http://127.0.0.1:9999/hook',
      'http://localhost:3000/x',
      'https://[::1]:8/x',
    ]) {
      expect(dev(url).ok, url).toBe(true)
      expect(prod(url).ok, url).toBe(false)
    }
  })

  it('keeps refusing private, metadata and plain-http public targets when local is allowed', () => {
    for (const url of [
      'http://10.0.0.1/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://hooks.example.com/x',
      'https://192.168.0.10/x',
      'http://user:pw@127.0.0.1:9999/x',
    ]) {
      expect(dev(url).ok, url).toBe(false)
    }
  })
})
