import { describe, expect, it } from 'vitest'
import {
  TOKEN_LENGTH,
  answerIdFor,
  newInvitationId,
  parseLinkToken,
  signLinkToken,
  verifyLinkToken,
  type LinkClaims,
} from '../../../worker/lib/link-token'

const claims: LinkClaims = {
  projectId: 'prj_a',
  surveyId: 'srv_a',
  touchpoint: 'support',
  ref: 'T-1',
  customerId: 'cus_1',
  email: 'ann@example.com',
  properties: '{"plan":"pro"}',
  locale: 'da',
}
const exp = 1_900_000_000

async function roundTrip(token: string, secret = 's3cret', c: LinkClaims = claims) {
  const parsed = parseLinkToken(token)
  return parsed !== undefined && (await verifyLinkToken(secret, parsed, c))
}

describe('link tokens', () => {
  it('round-trip: 71 URL-safe characters carrying the invitation id and the expiry', async () => {
    const id = newInvitationId()
    const token = await signLinkToken('s3cret', id, exp, claims)
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(token).toHaveLength(TOKEN_LENGTH)
    expect(TOKEN_LENGTH).toBe(71)
    expect(parseLinkToken(token)).toMatchObject({ invitationId: id, expiresAt: exp })
    expect(await roundTrip(token)).toBe(true)
  })

  it('keeps personal data out of the token', async () => {
    const token = await signLinkToken('s3cret', newInvitationId(), exp, claims)
    const bytes = atob(token.replace(/-/g, '+').replace(/_/g, '/'))
    for (const secret of ['T-1', 'cus_1', 'ann@example.com', 'pro'])
      expect(bytes).not.toContain(secret)
  })

  it('fails verification when any character is changed', async () => {
    const token = await signLinkToken('s3cret', newInvitationId(), exp, claims)
    const alphabet = 'AQgw_-'
    for (let i = 0; i < token.length; i++) {
      const other = alphabet.split('').find((ch) => ch !== token[i])!
      const tampered = token.slice(0, i) + other + token.slice(i + 1)
      expect(await roundTrip(tampered), `position ${i}`).toBe(false)
    }
  })

  it('is bound to the secret and to every claim', async () => {
    const token = await signLinkToken('s3cret', newInvitationId(), exp, claims)
    expect(await roundTrip(token, 'another project secret')).toBe(false)
    for (const key of Object.keys(claims) as (keyof LinkClaims)[]) {
      expect(await roundTrip(token, 's3cret', { ...claims, [key]: 'x' }), key).toBe(false)
    }
  })

  it('refuses malformed tokens without throwing', () => {
    for (const bad of [
      '',
      'abc',
      'x'.repeat(71),
      '!'.repeat(71),
      'A'.repeat(70) + '=',
      'A'.repeat(200),
    ]) {
      expect(parseLinkToken(bad), bad).toBeUndefined()
    }
  })

  it('derives a stable, secret-dependent UUID for the answer of an invitation', async () => {
    const id = newInvitationId()
    const a = await answerIdFor('s3cret', id)
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(await answerIdFor('s3cret', id)).toBe(a)
    expect(await answerIdFor('other', id)).not.toBe(a)
    expect(await answerIdFor('s3cret', newInvitationId())).not.toBe(a)
  })
})
