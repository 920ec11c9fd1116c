// Kysely over D1. kysely-d1 has no transactions: atomic multi-statement writes go through
// `D1Database.batch()` with compiled queries (see `toStatement`).
import { Kysely, type Compilable } from 'kysely'
import { D1Dialect } from 'kysely-d1'
import type { Database } from './types'

const cache = new WeakMap<D1Database, Kysely<Database>>()

export function getDb(d1: D1Database): Kysely<Database> {
  let db = cache.get(d1)
  if (!db) {
    db = new Kysely<Database>({ dialect: new D1Dialect({ database: d1 }) })
    cache.set(d1, db)
  }
  return db
}

/** A Kysely query as a D1 prepared statement, for `DB.batch()` or to read `meta`. */
export function toStatement(d1: D1Database, query: Compilable): D1PreparedStatement {
  const { sql, parameters } = query.compile()
  return d1.prepare(sql).bind(...parameters)
}

export const nowIso = (now: Date) => now.toISOString()
