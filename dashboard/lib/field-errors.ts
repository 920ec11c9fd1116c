// Where a 4xx about a survey belongs in the editor: each problem+json `errors[].path`
// ("sampleRate", "allowedOrigins.2", "texts.da.followUp.detractor") becomes the key of the field
// that shows it; what fits no field stays in a list for the form's own message.
import type { ApiProblem } from './api'

/** Field key → the server's message for it. */
export type FieldErrors = Record<string, string>

const PLAIN = new Set([
  'name',
  'throttleDays',
  'sampleRate',
  'referralUrl',
  'reviewUrl',
  'trigger.delayMs',
  'trigger.urlMatch',
])
/** Lists are edited as one text field: an error on item N belongs to that field. */
const LISTS = new Set(['allowedOrigins', 'segmentKeys'])
const TEXT = /^texts\.([A-Za-z-]+)\.(question|lowLabel|highLabel|thankYou|followUp\.[a-z]+)$/

export function fieldErrors(problem: ApiProblem): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {}
  const other: string[] = []
  for (const { path, message } of problem.errors) {
    const [head, index] = path.split('.')
    const key = PLAIN.has(path) ? path : LISTS.has(head) ? head : TEXT.test(path) ? path : undefined
    if (!key) other.push(`${path}: ${message}`)
    else {
      const item = LISTS.has(head) && index !== undefined ? `#${Number(index) + 1}: ` : ''
      fields[key] = fields[key] ? `${fields[key]}; ${item}${message}` : `${item}${message}`
    }
  }
  return { fields, other }
}

/** The language of the first text error, so the editor can show that language's fields. */
export const firstTextLocale = (fields: FieldErrors) =>
  Object.keys(fields)
    .map((k) => TEXT.exec(k)?.[1])
    .find(Boolean)

/** The attributes that tie an input to its error message (WCAG 3.3.1). */
export const invalidProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {}
