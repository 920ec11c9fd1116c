// Passkeys (/v1/auth/passkeys): a signed-in person adds, lists and removes theirs; anyone signs in
// with one. Sign-in is discoverable (the authenticator offers its passkeys for our RP ID), so no
// email is asked and none is confirmed. Public routes count the address before any D1 read.
import { createRoute, z } from '@hono/zod-openapi'
import { Me } from '../../schema/accounts'
import { Id } from '../../schema/fields'
import {
  Passkey,
  PasskeyCreationOptions,
  PasskeyList,
  PasskeyRegistration,
  PasskeyRequestOptions,
  PasskeySignIn,
} from '../../schema/passkeys'
import { createApp } from '../lib/app'
import { jsonBody, jsonContent, problems } from '../lib/openapi'
import { limitKey } from '../middleware/rate-limit'
import {
  listPasskeysOf,
  registerPasskey,
  registrationOptions,
  relyingParty,
  removePasskey,
  signInOptions,
  signInWithPasskey,
} from '../services/passkeys'
import { answerSignedIn, fromThisSite, limited, mine } from './auth'

const registerOptions = createRoute({
  method: 'post',
  path: '/register/options',
  summary: 'Start adding a passkey: WebAuthn creation options with a single-use challenge',
  description:
    'For navigator.credentials.create(). The challenge is answerable once, within 5 minutes.',
  ...mine,
  responses: {
    200: jsonContent(PasskeyCreationOptions, 'Creation options'),
    ...problems(401, 403, 409),
  },
})

const register = createRoute({
  method: 'post',
  path: '/register',
  summary: "Add a passkey: verifies the authenticator's answer for this site's origin and RP ID",
  ...mine,
  request: { body: jsonBody(PasskeyRegistration) },
  responses: {
    201: jsonContent(Passkey, 'Added'),
    ...problems(400, 401, 403, 410, 413, 415),
  },
})

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Your passkeys',
  ...mine,
  responses: { 200: jsonContent(PasskeyList, 'Passkeys'), ...problems(401) },
})

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Remove one of your passkeys (it can no longer sign in)',
  ...mine,
  request: { params: z.object({ id: Id }) },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404) },
})

const signInOptionsRoute = createRoute({
  method: 'post',
  path: '/sign-in/options',
  summary: 'Start signing in with a passkey: WebAuthn request options with a single-use challenge',
  description: 'For navigator.credentials.get(); no email: the authenticator offers its passkeys.',
  middleware: limited('passkey-options'),
  responses: {
    200: jsonContent(PasskeyRequestOptions, 'Request options'),
    ...problems(403, 413, 429),
  },
})

const signIn = createRoute({
  method: 'post',
  path: '/sign-in',
  summary: 'Sign in with a passkey: sets the same kp_user session cookie as a password sign-in',
  description:
    'Limited per address and per passkey before any D1 read. An unknown passkey and a bad ' +
    'signature get the same 401; a used or expired challenge 410.',
  middleware: limited('passkey-sign-in'),
  request: { body: jsonBody(PasskeySignIn) },
  responses: {
    201: jsonContent(Me, 'Signed in'),
    ...problems(400, 401, 403, 410, 413, 415, 429),
  },
})

export const passkeyRoutes = createApp()
  .openapi(registerOptions, async (c) => {
    const rp = relyingParty(c.env, c.req.url)
    c.header('cache-control', 'no-store')
    return c.json(await registrationOptions(c.env, c.var.me.userId, rp, new Date()), 200)
  })
  .openapi(register, async (c) => {
    const rp = relyingParty(c.env, c.req.url)
    const made = await registerPasskey(c.env, c.var.me.userId, c.req.valid('json'), rp, new Date())
    return c.json(made, 201)
  })
  .openapi(list, async (c) => {
    c.header('cache-control', 'no-store')
    return c.json(await listPasskeysOf(c.env, c.var.me.userId), 200)
  })
  .openapi(remove, async (c) => {
    await removePasskey(c.env, c.var.me.userId, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(signInOptionsRoute, async (c) => {
    fromThisSite(c)
    c.header('cache-control', 'no-store')
    return c.json(await signInOptions(c.env, relyingParty(c.env, c.req.url), new Date()), 200)
  })
  .openapi(signIn, async (c) => {
    fromThisSite(c)
    const body = c.req.valid('json')
    // The passkey's own counter, before any read: one credential guessed at from many addresses.
    await limitKey(c.env, 'AUTH_LIMITER', `passkey-credential:${body.credential.id.slice(0, 200)}`)
    const rp = relyingParty(c.env, c.req.url)
    const ua = c.req.header('user-agent') ?? ''
    const s = await signInWithPasskey(c.env, body, rp, ua, new Date())
    return c.json(await answerSignedIn(c, s), 201)
  })
