// People for relationship programs: POST /v1/people (JSON, one or many) and a CSV import.
import { createRoute, z } from '@hono/zod-openapi'
import { EMAIL_LIMITS, PeopleCreate, PeopleStored } from '../../schema/email-triggers'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems, secured } from '../lib/openapi'
import { managerAuth } from '../middleware/auth'
import { limitBody } from '../middleware/body-limit'
import { peopleFromCsv, storePeople } from '../email/people'

// Up to EMAIL_LIMITS.peoplePerCall people a call: larger than the manager API's 16 KB bodies.
const peopleBody = limitBody(EMAIL_LIMITS.peopleBodyBytes)

const create = createRoute({
  method: 'post',
  path: '/',
  summary: `Add or update people (one, or up to ${EMAIL_LIMITS.peoplePerCall}) for relationship programs`,
  description:
    'One person per address (compared case-blind): the same address again updates that person. ' +
    'A new person joins every program of the project, first asked on a random day of its first ' +
    'cycle. `properties.value` is the customer’s value.',
  middleware: [peopleBody, managerAuth('full')] as const,
  security: secured.security,
  request: { body: jsonBody(PeopleCreate) },
  responses: {
    201: jsonContent(PeopleStored, 'Stored'),
    ...problems(400, 401, 403, 413),
  },
})

const importCsv = createRoute({
  method: 'post',
  path: '/import',
  summary: `Import people from CSV (header row; up to ${EMAIL_LIMITS.peoplePerCall} lines)`,
  description:
    'Columns email, customerId, name, locale, timeZone; every other column is a property ' +
    '(numbers stay numbers, e.g. value). All or nothing: an invalid line refuses the file and ' +
    'is named in `errors`.',
  middleware: [peopleBody, managerAuth('full')] as const,
  security: secured.security,
  request: {
    body: {
      required: true,
      content: { 'text/csv': { schema: z.string().max(EMAIL_LIMITS.peopleBodyBytes) } },
    },
  },
  responses: {
    201: jsonContent(PeopleStored, 'Stored'),
    ...problems(400, 401, 403, 413),
  },
})

export const peopleRoutes = createApp()
  .openapi(create, async (c) => {
    const body = c.req.valid('json')
    return c.json(await storePeople(c.var.ctx, Array.isArray(body) ? body : [body]), 201)
  })
  .openapi(importCsv, async (c) => {
    const people = peopleFromCsv(await c.req.text())
    return c.json(await storePeople(c.var.ctx, people), 201)
  })
