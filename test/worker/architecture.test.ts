// The seams the code is built around, checked on the source itself.
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'

const RESOLVER = '/worker/db/resolve.ts'
const sources = import.meta.glob<string>('/worker/**/*.{ts,tsx}', {
  query: '?raw',
  import: 'default',
  eager: true,
})

describe('database access', () => {
  it('reads the sources it checks', () => {
    expect(Object.keys(sources)).toContain(RESOLVER)
    expect(Object.keys(sources).length).toBeGreaterThan(50)
  })

  it('reads the DB binding only in the resolver (dbFor, dbForPublicId, controlDb)', () => {
    const readers = Object.entries(sources)
      .filter(([path, text]) => path !== RESOLVER && /\benv\.DB\b/.test(text))
      .map(([path]) => path)
    expect(readers).toEqual([])
    expect(sources[RESOLVER]).toMatch(/\benv\.DB\b/)
  })
})
