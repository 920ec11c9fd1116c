// API keys with scopes and the dashboard's sessions (manager API: /v1/keys, /v1/sessions).
import { z } from 'zod'
import { KEY_SCOPES } from './constants'
import { Id, Timestamp } from './fields'

export const KeyScopeEnum = z.enum(KEY_SCOPES)

export const KeyCreate = z
  .object({
    name: z.string().trim().min(1).max(80),
    scope: KeyScopeEnum.meta({
      description: 'read: rk_… reads everything, changes nothing; full: sk_… does both',
    }),
  })
  .strict()
  .meta({ id: 'KeyCreate' })
export type KeyCreate = z.infer<typeof KeyCreate>

export const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters, to recognise the key' }),
    scope: z
      .enum(['publishable', ...KEY_SCOPES])
      .meta({ description: 'publishable (pk_, for web pages), read (rk_) or full (sk_)' }),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable().meta({ description: 'Accurate to a few minutes' }),
  })
  .meta({ id: 'ApiKey' })
export type ApiKey = z.infer<typeof ApiKey>

export const KeyCreated = ApiKey.extend({
  key: z.string().meta({ description: 'The key itself: shown once, stored only as a hash' }),
}).meta({ id: 'KeyCreated' })
export type KeyCreated = z.infer<typeof KeyCreated>

export const KeyList = z.object({ data: z.array(ApiKey).max(1000) }).meta({ id: 'KeyList' })
export type KeyList = z.infer<typeof KeyList>

export const SessionCreate = z
  .object({ key: z.string().min(1).max(200).meta({ description: 'An sk_… or rk_… key' }) })
  .strict()
  .meta({ id: 'SessionCreate' })
export type SessionCreate = z.infer<typeof SessionCreate>

export const Session = z
  .object({
    scope: KeyScopeEnum,
    expiresAt: Timestamp.nullable().meta({ description: 'null when called with a Bearer key' }),
    project: z.object({
      id: Id,
      name: z.string(),
      requireSignedIdentity: z.boolean(),
    }),
  })
  .meta({ id: 'Session' })
export type Session = z.infer<typeof Session>
