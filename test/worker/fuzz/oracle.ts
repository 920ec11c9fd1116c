// What every answer must satisfy, whatever was sent: no 5xx, a documented status and content
// type, RFC 9457 problem+json for every 4xx, and a 2xx body that validates against the
// documented schema (checked by @cfworker/json-schema, a validator made to run in workerd).
import { Validator } from '@cfworker/json-schema'
import { documented, mimeOf, type OpenApiDocument, type Operation } from './contract'
import type { Answer } from './worker-fetch'

const PROBLEM = 'application/problem+json'

/** RFC 9457 §3.1 beyond the schema: `type` is a URI reference, `status` the HTTP status. */
function rfc9457(status: number, p: { type?: unknown; status?: unknown }): string[] {
  const out: string[] = []
  if (p.status !== status) out.push(`${status} problem says status ${String(p.status)}`)
  if (typeof p.type !== 'string' || !/^(https?:\/\/\S+|about:blank)$/.test(p.type))
    out.push(`${status} problem type is no absolute URI: ${String(p.type)}`)
  return out
}

export function oracle(doc: OpenApiDocument) {
  const validators = new Map<string, Validator>()
  const validatorFor = (key: string, schema: object) => {
    let v = validators.get(key)
    if (!v) {
      // The schema with the document's components beside it, so `#/components/…` refs resolve.
      const root = structuredClone({ ...schema, components: doc.components })
      v = new Validator(root, '2020-12', false)
      validators.set(key, v)
    }
    return v
  }

  function validate(key: string, schema: object | undefined, text: string): string | undefined {
    if (!schema) return undefined
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return `body is not JSON: ${text.slice(0, 120)}`
    }
    const result = validatorFor(key, schema).validate(body)
    if (result.valid) return undefined
    const errs = result.errors.slice(-3).map((e) => `${e.instanceLocation}: ${e.error}`)
    return `body does not match the documented schema: ${errs.join('; ')}`
  }

  /** The broken promises of one answer (empty when it keeps them all). */
  return function check(o: Operation, a: Answer): string[] {
    const out: string[] = []
    if (a.status >= 500) return [`${a.status}: a server error`]
    const doc = documented(o.op, a.status)
    if (!doc) out.push(`${a.status} is not documented`)
    const mime = mimeOf(a.contentType)
    const content = doc?.content ?? {}
    const mimes = Object.keys(content)
    if (a.status >= 400) {
      // Pages for people (the hosted survey) document text/html; everything else is a problem.
      const html = mimes.length > 0 && !mimes.includes(PROBLEM)
      if (!html && mime !== PROBLEM)
        out.push(`${a.status} answered ${mime || 'no type'}, not ${PROBLEM}`)
      if (mime === PROBLEM) {
        const bad = validate(`problem`, { $ref: '#/components/schemas/Problem' }, a.text)
        if (bad) out.push(`${a.status} problem: ${bad}`)
        else out.push(...rfc9457(a.status, JSON.parse(a.text)))
      }
      return out
    }
    if (a.status === 204 || a.status === 304) {
      if (a.text) out.push(`${a.status} has a body`)
      return out
    }
    if (mimes.length && !mimes.includes(mime))
      out.push(`${a.status} answered ${mime || 'no type'}, documented: ${mimes.join(', ')}`)
    else if (mime.endsWith('json')) {
      const bad = validate(`${o.name} ${a.status} ${mime}`, content[mime]?.schema, a.text)
      if (bad) out.push(`${a.status} ${bad}`)
    }
    return out
  }
}
