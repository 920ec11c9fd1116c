import { z } from 'zod'
import { LIMITS, RETENTION_DAYS } from './constants'
import { TimeZone } from './email'
import { Id, Timestamp } from './fields'

const ProjectName = z.string().trim().min(1).max(LIMITS.projectName)

const RequireSignedIdentity = z
  .boolean()
  .meta({ description: 'Refuse a customerId that comes without a valid customerHash' })

const RetentionDays = z
  .int()
  .min(RETENTION_DAYS.min)
  .max(RETENTION_DAYS.max)
  .nullable()
  .meta({
    description:
      'Answers older than this many days are anonymised by the daily job: customerId, email, ' +
      'reason, note, ref, pagePath and the properties outside the survey’s segmentKeys are ' +
      'cleared; score, category, touchpoint, segment values and dates stay, so every figure is ' +
      'unchanged. null (the default) keeps answers until they are erased.',
  })

const CooldownDays = z
  .int()
  .min(0)
  .max(365)
  .meta({
    description:
      'Nobody is asked twice within this many days, whatever the survey or channel (widget, ' +
      "link, email, help desk); a survey may set its own. The widget and links also keep their survey's throttleDays. Default 14.",
  })

const EmailReplyTo = z.email().max(LIMITS.email).nullable().meta({
  description: "Reply-To of the survey emails (the company's support address); null: none",
})

export const ProjectCreate = z
  .object({
    name: ProjectName,
    requireSignedIdentity: RequireSignedIdentity.default(false),
    retentionDays: RetentionDays.default(null),
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
    retentionDays: z.int().nullable(),
  })
  .meta({ id: 'ProjectCreated' })
export type ProjectCreated = z.infer<typeof ProjectCreated>

/** The settings of the caller's project (GET and PATCH /v1/project); no secrets. */
export const ProjectSettings = z
  .object({
    id: Id,
    name: z.string(),
    requireSignedIdentity: z.boolean(),
    retentionDays: z.int().nullable(),
    cooldownDays: z.int(),
    emailReplyTo: z.string().nullable(),
    createdAt: Timestamp,
    /** Send windows of people whose own time zone is unknown fall in this one. */
    timeZone: z.string(),
  })
  .meta({ id: 'ProjectSettings' })
export type ProjectSettings = z.infer<typeof ProjectSettings>

export const ProjectPatch = z
  .object({
    name: ProjectName,
    requireSignedIdentity: RequireSignedIdentity,
    retentionDays: RetentionDays,
    cooldownDays: CooldownDays,
    emailReplyTo: EmailReplyTo,
    timeZone: TimeZone.meta({
      description: 'IANA time zone of email send windows for people whose own is unknown',
    }),
  })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, {
    message:
      'give name, requireSignedIdentity, retentionDays, cooldownDays, emailReplyTo or timeZone',
  })
  .meta({ id: 'ProjectPatch' })
export type ProjectPatch = z.infer<typeof ProjectPatch>
