import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { encryptionKeyProblem, open, seal } from '../../../worker/lib/secret-box'

const KEY = env.ENCRYPTION_KEY
const OTHER_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))

describe('the secret box', () => {
  it('opens what it sealed, and the sealed form does not contain the secret', async () => {
    const sealed = await seal(KEY, 'https://hooks.slack.com/services/T1/B2/secret', 'ctx')
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/)
    expect(sealed).not.toContain('secret')
    expect(await open(KEY, sealed, 'ctx')).toBe('https://hooks.slack.com/services/T1/B2/secret')
  })

  it('seals the same value differently each time (random IV)', async () => {
    expect(await seal(KEY, 'x', 'ctx')).not.toBe(await seal(KEY, 'x', 'ctx'))
  })

  it('refuses to open with another key, another context or altered bytes', async () => {
    const sealed = await seal(KEY, 'whsec_abc', 'webhook:whk_1:secret')
    await expect(open(OTHER_KEY, sealed, 'webhook:whk_1:secret')).rejects.toThrow()
    await expect(open(KEY, sealed, 'webhook:whk_2:secret')).rejects.toThrow()
    const [v, iv, ct] = sealed.split('.')
    const flipped = `${v}.${iv}.${ct[0] === 'A' ? 'B' : 'A'}${ct.slice(1)}`
    await expect(open(KEY, flipped, 'webhook:whk_1:secret')).rejects.toThrow()
  })

  it('explains a missing or malformed ENCRYPTION_KEY instead of sealing with it', async () => {
    expect(encryptionKeyProblem(undefined)).toMatch(/not set/)
    expect(encryptionKeyProblem('short')).toMatch(/32 random bytes/)
    expect(encryptionKeyProblem(KEY)).toBeUndefined()
    await expect(seal(undefined, 'x', 'ctx')).rejects.toMatchObject({
      code: 'encryption_key_missing',
    })
  })
})
