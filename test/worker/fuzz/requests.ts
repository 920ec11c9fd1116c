// One generated request for an operation: every part valid, or exactly one part broken (the
// body, a path or query parameter, the credentials, the content type, the size).
import fc from 'fast-check'
import { bodyOf, params, pathParams, type Operation, type Parameter } from './contract'
import { nearValid, wild } from './invalid'
import { valid, type GenContext } from './valid'

export interface FuzzRequest {
  kind: string
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

export interface Credentials {
  /** A good token per security scheme name (secretKey, adminToken …). */
  good: Record<string, string>
  /** Tokens that must not work: another tenant's key, a publishable key, garbage. */
  bad: string[]
}

const RAW_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"x"',
  '{"a":1,"a":2}',
  '1e999',
  '\u0000',
  '['.repeat(5000),
]
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/xml',
]
const BAD_SEGMENTS = ['%2F', '..', '%00', 'x'.repeat(2000), '%E2%80%AE', '%ZZ', "'", '😀', ' ']

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const toText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))
/** Percent-encoding; a lone surrogate becomes the bytes of its WTF-8 form (invalid UTF-8). */
const enc = (v: unknown) =>
  [...toText(v)]
    .map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch)))
    .join('')

function paramArb(p: Parameter, ctx: GenContext, broken: boolean): fc.Arbitrary<unknown> {
  const schema = p.schema ?? { type: 'string' }
  if (broken) return wild(schema, ctx)
  // A path names a stored thing: mostly a known one, sometimes an unknown but well-formed one.
  const known = p.in === 'path' ? ctx.hint(p.name) : undefined
  return known
    ? fc.oneof({ weight: 8, arbitrary: known }, valid(schema, ctx))
    : valid(schema, ctx, p.name)
}

interface QueryPart {
  name: string
  keep: boolean
  good: unknown
  bad: unknown
}

const queryArb = (o: Operation, ctx: GenContext, broken: boolean): fc.Arbitrary<string> =>
  fc
    .record({
      parts: fc.tuple(
        ...params(o.op, 'query').map((p): fc.Arbitrary<QueryPart> =>
          fc.record({
            name: fc.constant(p.name),
            keep: p.required ? fc.constant(true) : fc.boolean(),
            good: paramArb(p, ctx, false),
            bad: paramArb(p, ctx, true),
          }),
        ),
      ),
      which: fc.nat(99),
      flaw: fc.constantFrom('value', 'value', 'missing', 'twice', 'junk'),
      junk: fc.oneof(fc.constantFrom('%', '%zz', '&&', '=', 'a[]=1', 'x=1'), fc.string()),
    })
    .map(({ parts, which, flaw, junk }) => {
      const kept = parts.filter((p) => p.keep)
      const i = kept.length ? which % kept.length : -1
      const out = kept.map(
        (p, k) => `${p.name}=${enc(broken && flaw === 'value' && k === i ? p.bad : p.good)}`,
      )
      if (broken && flaw === 'twice' && i >= 0) out.push(out[i])
      if (broken && flaw === 'missing' && i >= 0) out.splice(i, 1) // a required one may go
      if (broken && (flaw === 'junk' || i < 0)) out.push(junk)
      return out.length ? `?${out.join('&')}` : ''
    })

function pathArb(o: Operation, ctx: GenContext, broken: boolean): fc.Arbitrary<string> {
  const ps = pathParams(o)
  return fc
    .record({
      which: fc.nat(99),
      raw: fc.boolean(),
      segment: fc.constantFrom(...BAD_SEGMENTS),
      values: fc.tuple(...ps.map((p) => fc.tuple(paramArb(p, ctx, false), paramArb(p, ctx, true)))),
    })
    .map(({ which, raw, segment, values }) =>
      ps.reduce((path, p, k) => {
        const [good, bad] = values[k]
        const flawed = broken && k === which % ps.length
        // A flawed segment is either a refused value, encoded, or a raw hostile segment.
        const v = !flawed ? enc(good) : raw ? segment : enc(bad)
        return path.replace(`{${p.name}}`, v)
      }, o.path),
    )
}

/** A body as its media type sends it: JSON text, or form fields (objects as JSON text). */
function encode(mime: string, v: unknown): string {
  if (mime === 'application/json' || !isRecord(v)) return toText(v)
  return new URLSearchParams(Object.entries(v).map(([k, x]) => [k, toText(x)])).toString()
}

function bodyArb(o: Operation, ctx: GenContext, kind: string): fc.Arbitrary<string | undefined> {
  const body = bodyOf(o.op)
  if (!body) return fc.constant(undefined)
  const { mime, schema } = body
  if (kind === 'body')
    return fc.oneof(
      { weight: 6, arbitrary: nearValid(schema, ctx).map((v) => encode(mime, v)) },
      { weight: 2, arbitrary: wild(schema, ctx).map((v) => encode(mime, v)) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    )
  const good = valid(schema, ctx)
  if (kind !== 'oversized') return good.map((v) => encode(mime, v))
  // Padding past the 16 KB and 8 MB limits: a long field, or leading whitespace.
  return fc
    .tuple(
      good,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(20_000) },
        { weight: 2, arbitrary: fc.constant(70_000) },
        { weight: 1, arbitrary: fc.constant(9_000_000) },
      ),
      fc.boolean(),
    )
    .map(([v, n, spaces]) =>
      spaces
        ? ' '.repeat(n) + encode(mime, v)
        : encode(mime, { ...(isRecord(v) ? v : { v }), padding: 'p'.repeat(n) }),
    )
}

function authArb(o: Operation, creds: Credentials, broken: boolean) {
  const scheme = Object.keys(o.op.security?.[0] ?? {})[0]
  if (!scheme) return fc.constant<string | undefined>(undefined)
  const good = creds.good[scheme] ?? creds.good.secretKey
  if (!broken) return fc.constant<string | undefined>(`Bearer ${good}`)
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...creds.bad).map((t) => `Bearer ${t}`),
    fc.constantFrom(`Basic ${btoa('a:b')}`, 'Bearer', `Bearer ${good} x`, `bearer  ${good}`),
    fc.string({ maxLength: 300 }).map((t) => `Bearer ${t}`),
  )
}

/** Case kinds that make sense for this operation, each with a weight. */
function kindsFor(o: Operation): string[] {
  const k = ['valid', 'valid', 'valid', 'headers']
  if (bodyOf(o.op)) k.push('body', 'body', 'body', 'content-type', 'oversized')
  if (params(o.op, 'query').length) k.push('query', 'query', 'query')
  if (pathParams(o).length) k.push('path', 'path')
  if (o.op.security?.length) k.push('auth')
  return k
}

export function requestArb(o: Operation, ctx: GenContext, creds: Credentials) {
  return fc.constantFrom(...kindsFor(o)).chain((kind) =>
    fc
      .record({
        path: pathArb(o, ctx, kind === 'path'),
        query: queryArb(o, ctx, kind === 'query'),
        body: bodyArb(o, ctx, kind),
        auth: authArb(o, creds, kind === 'auth'),
        contentType:
          kind === 'content-type'
            ? fc.option(fc.constantFrom(...CONTENT_TYPES, 'application/json'))
            : fc.constant(bodyOf(o.op)?.mime),
        origin: fc.option(fc.constantFrom('https://shop.example', 'https://evil.example', 'null')),
        ip: fc.oneof(fc.ipV4(), fc.ipV6()),
        accept:
          kind === 'headers'
            ? fc.constantFrom('text/csv', '*/*', 'text/html', 'application/xml')
            : fc.constant(undefined),
      })
      .map((r): FuzzRequest => {
        const headers: Record<string, string> = { 'cf-connecting-ip': r.ip }
        if (r.auth) headers.authorization = r.auth
        if (r.origin) headers.origin = r.origin
        if (r.accept) headers.accept = r.accept
        if (r.body !== undefined && r.contentType) headers['content-type'] = r.contentType
        return {
          kind,
          method: o.method.toUpperCase(),
          url: r.path + r.query,
          headers,
          body: r.body,
        }
      }),
  )
}
