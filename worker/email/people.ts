// People a relationship program asks (SPEC.md "Email channel"): stored once per address, from
// JSON or a CSV file, and enrolled in every program of their project.
import { EMAIL_LIMITS, PersonInput } from '../../schema/email-triggers'
import type { Ctx } from '../context'
import { findProjectEmailSettings } from '../db/email-rules'
import { upsertPeople } from '../db/people'
import type { PersonRow } from '../db/types'
import { parseCsv } from '../lib/csv'
import { emailHash, normaliseEmail } from '../lib/email-address'
import { newTriggerId } from '../lib/ids'
import { ApiError, notFound } from '../lib/problem'

type PeopleCtx = Pick<Ctx, 'db' | 'projectId' | 'now'>

export async function storePeople(ctx: PeopleCtx, people: PersonInput[]) {
  const settings = await findProjectEmailSettings(ctx.db, ctx.projectId)
  if (!settings) throw notFound('Project')
  const at = ctx.now.toISOString()
  // One row per address: a later line for the same person wins.
  const byHash = new Map<string, PersonRow>()
  for (const p of people) {
    const hash = await emailHash(settings.link_secret, p.email)
    byHash.set(hash, {
      id: newTriggerId('per'),
      project_id: ctx.projectId,
      email: normaliseEmail(p.email),
      email_hash: hash,
      customer_id: p.customerId ?? null,
      name: p.name ?? null,
      locale: p.locale ?? null,
      time_zone: p.timeZone ?? null,
      properties: JSON.stringify(p.properties ?? {}),
      created_at: at,
      updated_at: at,
    })
  }
  const ids = await upsertPeople(ctx.db, [...byHash.values()], at)
  return { stored: ids.length, ids }
}

/** The CSV columns that are fields of a person; every other column is a property. */
const FIELDS = {
  email: 'email',
  customerid: 'customerId',
  name: 'name',
  locale: 'locale',
  timezone: 'timeZone',
} as const
const NUMERIC = /^-?\d+(\.\d+)?$/

/**
 * A CSV file (header row; columns email, customerId, name, locale, timeZone, any others as
 * properties, numbers kept as numbers: `value`) as people, each line checked like the JSON
 * body. All or nothing: one bad line refuses the file and names it.
 */
export function peopleFromCsv(text: string): PersonInput[] {
  const rows = parseCsv(text)
  if (!rows) throw new ApiError('malformed_request', 'The CSV has an unterminated quoted field.')
  const [header, ...lines] = rows
  if (!header || !lines.length)
    throw new ApiError('validation_failed', 'The CSV needs a header row and at least one person.', [
      { path: 'csv', message: 'no rows' },
    ])
  if (lines.length > EMAIL_LIMITS.peoplePerCall)
    throw new ApiError(
      'validation_failed',
      `At most ${EMAIL_LIMITS.peoplePerCall} people a file.`,
      [{ path: 'csv', message: 'too many rows' }],
    )
  const columns = header.map((h) => h.trim())
  const errors: { path: string; message: string }[] = []
  const people = lines.flatMap((cells, n) => {
    const person: Record<string, unknown> = {}
    const properties: Record<string, string | number> = {}
    columns.forEach((col, i) => {
      const value = cells[i]?.trim() ?? ''
      if (value === '') return
      const field = FIELDS[col.toLowerCase() as keyof typeof FIELDS]
      if (field) person[field] = value
      else properties[col] = NUMERIC.test(value) ? Number(value) : value
    })
    if (Object.keys(properties).length) person.properties = properties
    const parsed = PersonInput.safeParse(person)
    if (parsed.success) return [parsed.data]
    for (const issue of parsed.error.issues)
      errors.push({ path: `line ${n + 2}: ${issue.path.join('.')}`, message: issue.message })
    return []
  })
  if (errors.length)
    throw new ApiError(
      'validation_failed',
      'Some lines of the CSV are invalid.',
      errors.slice(0, 50),
    )
  return people
}
