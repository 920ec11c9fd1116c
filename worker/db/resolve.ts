// Which D1 database a piece of data lives in: the only module that reads the `DB` binding. Today
// every tenant shares one database; routing tenants to several databases changes this file only.
import type { Env } from '../env'

type Bindings = Pick<Env, 'DB'>

/** The database that holds one project's data (surveys, answers, rollups, hooks, connections). */
export function dbFor(env: Bindings, _projectId: string): D1Database {
  return env.DB
}

/**
 * The database a public id lives in — a survey id, an answer id, a link token, a help-desk
 * connection's inbound id — for public routes that learn the project from the row they read.
 */
export function dbForPublicId(env: Bindings, _publicId: string): D1Database {
  return env.DB
}

/** The control database: projects, API keys, sessions, and the sweeps that run across tenants. */
export function controlDb(env: Bindings): D1Database {
  return env.DB
}
