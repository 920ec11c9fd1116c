// RFC 9457 problem details: the one error shape of the API.
import { z } from 'zod'
import { PROBLEM_CODES, PROBLEMS } from './problems'

export const FieldError = z.object({
  path: z.string().max(200),
  message: z.string().max(500),
})

export const Problem = z
  .object({
    type: z.string().max(200),
    title: z.string().max(200),
    status: z.int(),
    code: z.enum(PROBLEM_CODES).meta({
      description: PROBLEM_CODES.map(
        (c) => `- \`${c}\` (${PROBLEMS[c].status}): ${PROBLEMS[c].about}`,
      ).join('\n'),
    }),
    detail: z.string().max(1000).optional(),
    errors: z.array(FieldError).max(100).optional(),
  })
  .meta({ id: 'Problem' })
export type Problem = z.infer<typeof Problem>
