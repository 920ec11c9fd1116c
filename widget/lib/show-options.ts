// What a page passes to `show()`: the one public type, zod-free so that the npm package's
// declarations stand alone (test/widget/types.test.ts ties `properties` to schema/fields.ts).

/** What a page passes to `Kundepuls.show()`; the script tag's data-* attributes fill the gaps. */
export interface ShowOptions {
  surveyId?: string
  touchpoint?: string
  /** Order or ticket id: one answer per (survey, customer, ref). */
  ref?: string
  customerId?: string
  /** hex HMAC-SHA256 of customerId with the project's identity secret, made on your server. */
  customerHash?: string
  email?: string
  /** A flat map of up to 20 keys to strings, numbers or booleans. */
  properties?: Record<string, string | number | boolean>
  /** BCP 47 tag; else `<html lang>`, else the browser's languages. */
  locale?: string
}
