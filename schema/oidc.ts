// A project's OpenID Connect provider (SPEC.md "Accounts and roles") and the sign-in outcomes the
// dashboard explains. The client secret is write-only: no response schema has a field for it.
import { z } from 'zod'
import { OIDC_LIMITS } from './constants'
import { Id, Timestamp } from './fields'

export const OidcSettingsPut = z
  .object({
    issuer: z
      .url({ protocol: /^https?$/ })
      .max(OIDC_LIMITS.issuer)
      .meta({ description: 'Issuer Identifier, e.g. https://accounts.google.com' }),
    clientId: z.string().trim().min(1).max(OIDC_LIMITS.clientId),
    clientSecret: z.string().min(1).max(OIDC_LIMITS.clientSecret).optional().meta({
      description: 'Required the first time; leave out to keep the stored one. Never returned.',
    }),
    displayName: z
      .string()
      .trim()
      .min(1)
      .max(OIDC_LIMITS.displayName)
      .optional()
      .meta({ description: 'On the sign-in button; default: the issuer host' }),
  })
  .strict()
  .meta({ id: 'OidcSettingsPut' })
export type OidcSettingsPut = z.infer<typeof OidcSettingsPut>

export const OidcSettings = z
  .object({
    projectId: Id,
    /** false until a provider is saved: the redirect URI is known before (it is registered first). */
    configured: z.boolean(),
    issuer: z.string().nullable(),
    clientId: z.string().nullable(),
    displayName: z.string().nullable(),
    /** True once saved (a provider cannot be saved without one); the secret itself never leaves. */
    hasClientSecret: z.boolean(),
    redirectUri: z.string().meta({ description: 'Register this at the provider' }),
    signInUrl: z.string().meta({ description: 'The dashboard page that offers this sign-in' }),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'OidcSettings' })
export type OidcSettings = z.infer<typeof OidcSettings>

/** What the public sign-in page may know: that the project has a provider, and its name. */
export const OidcPublic = z
  .object({ projectId: Id, displayName: z.string() })
  .meta({ id: 'OidcPublic' })
export type OidcPublic = z.infer<typeof OidcPublic>
