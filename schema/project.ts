import { z } from 'zod'
import { LIMITS } from './constants'
import { Id } from './fields'

export const ProjectCreate = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.projectName),
    requireSignedIdentity: z
      .boolean()
      .default(false)
      .meta({ description: 'Refuse a customerId that comes without a valid customerHash' }),
  })
  .strict()
  .meta({ id: 'ProjectCreate' })
export type ProjectCreate = z.infer<typeof ProjectCreate>

export const ProjectCreated = z
  .object({
    id: Id,
    name: z.string(),
    publishableKey: z.string().meta({ description: 'pk_…: safe in a web page' }),
    secretKey: z.string().meta({ description: 'sk_…: shown once, stored only as a hash' }),
    identitySecret: z.string().meta({
      description:
        'Key for customerHash = hex(HMAC-SHA256(identitySecret, customerId)); keep it on your server',
    }),
    requireSignedIdentity: z.boolean(),
  })
  .meta({ id: 'ProjectCreated' })
export type ProjectCreated = z.infer<typeof ProjectCreated>
