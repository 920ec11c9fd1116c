// Values that a JSON Schema from /openapi.json accepts, leaning on its edges: empty and longest
// strings, smallest and largest numbers, unicode beyond the BMP. Field names can be given known
// values (a live survey id, a stored answer id) so that valid requests reach the deep code.
import fc from 'fast-check'
import type { JsonSchema } from './contract'

export interface GenContext {
  resolve(s: JsonSchema): JsonSchema
  /** Known good values for a field name (surveyId, customerId, id …), if any. */
  hint(name: string): fc.Arbitrary<unknown> | undefined
}

/** Strings from these units: plain, full unicode (astral, RTL, combining) and control bytes. */
const UNITS: fc.Arbitrary<string>[] = [
  fc.constantFrom('a', 'Z', '0', '-', '_', ' ', '.'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.constantFrom(
    '😀',
    '\u202e',
    'e\u0301',
    'ß',
    'æ',
    'ø',
    'å',
    '\u0000',
    '\n',
    '"',
    "'",
    '<',
    '%',
  ),
]
/** A day as the API's query strings spell it; the pattern alone would allow 2026-99-99. */
const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'
const COMMON_KEYS = ['en', 'da', 'de', 'sv', 'segment', 'plan', 'country', 'x']

export const typesOf = (s: JsonSchema): string[] =>
  Array.isArray(s.type)
    ? s.type
    : s.type
      ? [s.type]
      : s.properties
        ? ['object']
        : ['string', 'integer', 'boolean']

function bounds(s: JsonSchema, integer: boolean) {
  const step = integer ? 1 : 1e-9
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + step : -1e6)
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - step : 1e6)
  return { min, max }
}

export function validString(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0
  const max = Math.min(s.maxLength ?? 200, 10_000)
  const fits = (v: string) => v.length >= min && v.length <= max
  if (s.format === 'uuid') return fc.uuid({ version: [4, 7] })
  if (s.format === 'email')
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('ann@example.com', 'b.o+x@example.co.uk') },
      fc.emailAddress().filter(fits),
    )
  if (s.format === 'date-time' || s.format === 'date' || s.pattern === DAY_PATTERN) {
    const d = fc.date({ min: new Date('2020-01-01'), max: new Date(), noInvalidDate: true })
    const day = s.format !== 'date-time'
    return d.map((v) => (day ? v.toISOString().slice(0, 10) : v.toISOString()))
  }
  if (s.format === 'uri')
    return fc.oneof(fc.constant('https://example.com/review'), fc.webUrl().filter(fits))
  if (s.pattern) {
    // A one-class pattern with a length floor (an edit token: ^[A-Za-z0-9_-]+$, 32–64) is
    // generated at its lengths: stringMatching alone makes short strings, and filtering them
    // for the floor would spin for minutes.
    const oneClass = /^\^(\[[^\]]+\])\+\$$/.exec(s.pattern)
    if (oneClass)
      return fc.stringMatching(new RegExp(`^${oneClass[1]}{${Math.max(min, 1)},${max}}$`))
    return fc.stringMatching(new RegExp(s.pattern), { maxLength: max }).filter(fits)
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 24) }) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.oneof(...UNITS), { minLength: min, maxLength: Math.min(max, 24) })
        .map((a) => a.join(''))
        .filter(fits),
    },
    { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
    { weight: 1, arbitrary: fc.constant('ø'.repeat(Math.max(min, 1))).filter(fits) },
  )
}

function validObject(s: JsonSchema, ctx: GenContext, depth: number): fc.Arbitrary<unknown> {
  const props = Object.entries(s.properties ?? {})
  const record = fc.record(
    Object.fromEntries(props.map(([k, p]) => [k, valid(p, ctx, k, depth + 1)])),
    { requiredKeys: (s.required ?? []).filter((k) => k in (s.properties ?? {})) },
  )
  // Required fields only, now and then: every optional field is one more way to be refused.
  const minimal = fc.record(
    Object.fromEntries(
      props
        .filter(([k]) => s.required?.includes(k))
        .map(([k, p]) => [k, valid(p, ctx, k, depth + 1)]),
    ),
  )
  if (typeof s.additionalProperties !== 'object') return fc.oneof(record, minimal)
  const extra = fc.dictionary(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...COMMON_KEYS) },
      fc.stringMatching(/^[a-z]{1,8}$/),
    ),
    valid(s.additionalProperties, ctx, undefined, depth + 1),
    { maxKeys: 3 },
  )
  return fc.tuple(fc.oneof(record, minimal), extra).map(([a, b]) => ({ ...b, ...a }))
}

function byType(t: string, s: JsonSchema, ctx: GenContext, depth: number): fc.Arbitrary<unknown> {
  switch (t) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
    case 'number': {
      const { min, max } = bounds(s, t === 'integer')
      const inner =
        t === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
      const edges = t === 'integer' ? [Math.ceil(min), Math.floor(max)] : [min, max]
      return fc.oneof({ weight: 4, arbitrary: inner }, fc.constantFrom(...edges))
    }
    case 'array': {
      const items = s.items ?? {}
      const maxLength = Math.min(s.maxItems ?? 4, 4)
      return fc.array(valid(items, ctx, undefined, depth + 1), {
        minLength: Math.min(s.minItems ?? 0, maxLength),
        maxLength,
      })
    }
    case 'object':
      return validObject(s, ctx, depth)
    default:
      return validString(s)
  }
}

/** A value the schema accepts (for a property `name`, a known good value when there is one). */
export function valid(
  schema: JsonSchema,
  ctx: GenContext,
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = ctx.resolve(schema)
  const plain = (): fc.Arbitrary<unknown> => {
    if (s.const !== undefined) return fc.constant(s.const)
    if (s.enum) return fc.constantFrom(...s.enum)
    const alts = s.anyOf ?? s.oneOf
    if (alts) return fc.oneof(...alts.map((a) => valid(a, ctx, name, depth)))
    if (s.allOf) return valid(Object.assign({}, ...s.allOf.map(ctx.resolve)), ctx, name, depth)
    if (depth > 6) return fc.constant(null)
    return fc.oneof(...typesOf(s).map((t) => byType(t, s, ctx, depth)))
  }
  const known = name ? ctx.hint(name) : undefined
  // A body `id` is made by the client: new ones mostly, known ones for retries and conflicts.
  const weight = name === 'id' ? 1 : 8
  return known ? fc.oneof({ weight, arbitrary: known }, { weight: 2, arbitrary: plain() }) : plain()
}
