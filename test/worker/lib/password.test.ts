import { describe, expect, it } from 'vitest'
import { hashPassword, SCRYPT, verifyPassword } from '../../../worker/lib/password'

describe('password hashing (scrypt)', { timeout: 60_000 }, () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple', SCRYPT)
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true)
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false)
  })

  it('salts every hash, and verifies hashes made with other parameters', async () => {
    const a = await hashPassword('same')
    const b = await hashPassword('same')
    expect(a).not.toBe(b)
    const older = await hashPassword('same', { ...SCRYPT, N: 2 ** 10 })
    expect(await verifyPassword('same', older)).toBe(true)
  })

  it('refuses a stored value that is not an scrypt hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$16384$8$1$$')).toBe(false)
  })

  it('measures the CPU time of one hash in workerd', async () => {
    const runs = 2
    const start = Date.now()
    for (let i = 0; i < runs; i++) await hashPassword(`pw-${i}`)
    const ms = (Date.now() - start) / runs
    console.log(`scrypt N=${SCRYPT.N} r=${SCRYPT.r} p=${SCRYPT.p}: ${ms.toFixed(1)} ms per hash`)
    expect(ms).toBeGreaterThan(0)
  })
})
