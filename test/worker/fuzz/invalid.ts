// Values a schema should refuse, and near-valid objects: a valid value with exactly one flaw
// (a field missing, one extra, one of the wrong type or just past its limit).
import fc from 'fast-check'
import type { JsonSchema } from './contract'
import { typesOf, valid, type GenContext } from './valid'

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  "' OR 1=1 --",
  '"; DROP TABLE responses; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '=cmd|" /C calc"!A0',
  '\u202eevil',
  'NaN',
  'null',
  '1e309',
  '-0',
  '😀'.repeat(300),
]
const HOSTILE_NUMBERS = [-1, 0, 1.5, -0.5, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 4.9e-324]

/** Any JSON value of the wrong shape: a string for a number, an object for a string … */
const wrongType = (s: JsonSchema): fc.Arbitrary<unknown> => {
  const types = typesOf(s)
  const pool: fc.Arbitrary<unknown>[] = []
  if (!types.includes('string')) pool.push(fc.constantFrom('1', 'true', 'x', ''))
  if (!types.includes('integer') && !types.includes('number'))
    pool.push(fc.constantFrom(0, 1, -1, 1e21))
  if (!types.includes('boolean')) pool.push(fc.boolean())
  if (!types.includes('null')) pool.push(fc.constant(null))
  if (!types.includes('array'))
    pool.push(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 3 }))
  if (!types.includes('object')) pool.push(fc.constant({}), fc.constant({ a: 1 }))
  return fc.oneof(...pool)
}

/** Past the edges a schema sets, and hostile strings whatever it says. */
function pastEdges(s: JsonSchema): fc.Arbitrary<unknown> {
  const types = typesOf(s)
  const out: fc.Arbitrary<unknown>[] = [fc.constantFrom(...HOSTILE_STRINGS)]
  if (types.includes('string')) {
    const max = s.maxLength ?? 2000
    out.push(fc.constantFrom('y'.repeat(Math.min(max + 1, 20_000)), '😀'.repeat(max)))
    if (s.minLength) out.push(fc.constant('z'.repeat(s.minLength - 1)))
  }
  if (types.includes('integer') || types.includes('number')) {
    const edges = [...HOSTILE_NUMBERS]
    if (s.minimum !== undefined) edges.push(s.minimum - 1, s.minimum - 0.5)
    if (s.maximum !== undefined) edges.push(s.maximum + 1, s.maximum + 0.5)
    out.push(fc.constantFrom(...edges))
  }
  if (types.includes('array')) {
    const n = Math.min((s.maxItems ?? 50) + 1, 1_001)
    out.push(fc.constant(Array.from({ length: n }, () => 'a')))
  }
  if (s.enum) out.push(fc.constantFrom(...s.enum.map((v) => String(v).toUpperCase() + ' ')))
  return fc.oneof(...out)
}

export const wild = (s: JsonSchema, ctx: GenContext) =>
  fc.oneof(wrongType(ctx.resolve(s)), pastEdges(ctx.resolve(s)))

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A valid value with one flaw, nested up to three objects deep. */
export function nearValid(schema: JsonSchema, ctx: GenContext, depth = 0): fc.Arbitrary<unknown> {
  const s = ctx.resolve(schema)
  const props = Object.entries(s.properties ?? {})
  if (depth > 2 || props.length === 0) {
    if (s.items && depth <= 2)
      return fc
        .tuple(valid(s, ctx), nearValid(s.items, ctx, depth + 1))
        .map(([arr, bad]) => (Array.isArray(arr) ? [...arr, bad] : [bad]))
    return wild(s, ctx)
  }
  return fc
    .tuple(valid(s, ctx), fc.constantFrom(...props), fc.nat(5))
    .chain(([value, [key, propSchema], action]) => {
      const obj = isObject(value) ? { ...value } : {}
      if (action === 0) {
        delete obj[key]
        return fc.constant(obj)
      }
      if (action === 1)
        return fc
          .tuple(
            fc.constantFrom('extra', '__proto__', 'constructor', 'ID', key + ' '),
            fc.jsonValue(),
          )
          .map(([k, v]) => ({ ...obj, [k]: v }))
      const flaw =
        action === 2 ? wrongType(ctx.resolve(propSchema)) : nearValid(propSchema, ctx, depth + 1)
      return flaw.map((v) => ({ ...obj, [key]: v }))
    })
}
