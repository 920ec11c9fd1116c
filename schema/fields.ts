// Field-level schemas reused across request and response bodies: one definition per concept.
import { z } from 'zod'
import { EDIT_TOKEN, LIMITS, LOCALES } from './constants'

export const Id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id')
export const ClientId = z
  .uuid()
  .max(36)
  .meta({ description: 'UUID made by the client; retries reuse it' })
export const EditToken = z
  .string()
  .min(EDIT_TOKEN.minLength)
  .max(EDIT_TOKEN.maxLength)
  .regex(EDIT_TOKEN.pattern, 'must be 32–64 characters of A–Z, a–z, 0–9, _ and -')
  .meta({ description: 'Secret proof of authorship of an answer: 32–64 of [A-Za-z0-9_-]' })
export const IsoDateTime = z.iso.datetime({ offset: true }).max(40)
export const Timestamp = z.string().max(40).meta({ description: 'ISO 8601 UTC timestamp' })

export const LocaleTag = z
  .string()
  .max(LIMITS.locale)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag')
export const KnownLocale = z.enum(LOCALES)

export const HttpUrl = z.url({ protocol: /^https?$/ }).max(LIMITS.url)
export const Origin = z
  .string()
  .max(LIMITS.origin)
  .refine((v) => {
    try {
      const u = new URL(v)
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v
    } catch {
      return false
    }
  }, 'must be an origin like https://shop.example (scheme, host, optional port; no path)')

export const Touchpoint = z.string().trim().min(1).max(LIMITS.touchpoint)
export const Ref = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.ref)
  .meta({ description: 'Order or ticket id' })
export const CustomerId = z.string().trim().min(1).max(LIMITS.customerId)
export const Email = z.email().max(LIMITS.email)
export const Reason = z.string().max(LIMITS.reason)

export const PropertyKey = z
  .string()
  .min(1)
  .max(LIMITS.propertyKey)
  .regex(/^[A-Za-z0-9_.-]+$/, 'property keys use letters, digits, _ . -')
  // Names that reach an object's prototype wherever a key is used as a property (prototype
  // pollution), in our code or a customer's: refused in the schema, so the API, the OpenAPI
  // document (as a pattern) and the widget share one rule.
  .regex(/^(?!(?:__proto__|constructor|prototype)$)/, 'this property key is reserved')
export const PropertyValue = z.union([
  z.string().max(LIMITS.propertyString),
  z.number().finite(),
  z.boolean(),
])
export const Properties = z
  .preprocess(
    (input, ctx) => {
      // zod's record drops a "__proto__" key without a word (it would replace the prototype of
      // what it builds): refuse it like the other reserved keys instead of losing it.
      if (input !== null && typeof input === 'object' && Object.hasOwn(input, '__proto__'))
        ctx.addIssue({
          code: 'custom',
          path: ['__proto__'],
          message: 'this property key is reserved',
          input,
        })
      return input
    },
    z
      .record(PropertyKey, PropertyValue)
      .refine((o) => Object.keys(o).length <= LIMITS.propertyKeys, {
        message: `at most ${LIMITS.propertyKeys} properties`,
      }),
  )
  .meta({
    description: `Flat map of at most ${LIMITS.propertyKeys} keys to strings, numbers or booleans`,
  })
export type Properties = z.infer<typeof Properties>
