// TEST ONLY: a D1 binding that counts what Cloudflare bills and limits per Worker invocation, and
// a way to call the worker with it. Local D1 enforces none of the platform's limits:
// https://developers.cloudflare.com/d1/platform/limits/ (Free plan: 50 queries per invocation,
// each statement of a batch counting as one; 100 bound parameters per statement; 2 MB per string).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import worker from '../../worker/index'
import type { Env } from '../../worker/env'
import { runTask } from '../../worker/tasks'
import { DAILY_CRON, enqueuedTasks } from './cron-helpers'
import { testAddress, type CallOptions } from './helpers'

export const FREE_PLAN = { queries: 50, params: 100, stringBytes: 2_000_000 } as const

export interface D1Usage {
  /** Statements sent to D1: one per first/all/run/raw, one per statement of a batch. */
  queries: number
  /** The most parameters bound to one statement. */
  maxParams: number
  /** The longest bound string, in UTF-8 bytes. */
  maxStringBytes: number
  /** The statements, in order, as [first words of the SQL, parameter count]. */
  log: [string, number][]
}

const encoder = new TextEncoder()

/** Wraps a D1 binding; every statement it runs is added to `usage`. */
export function countingD1(real: D1Database): { db: D1Database; usage: D1Usage } {
  const usage: D1Usage = { queries: 0, maxParams: 0, maxStringBytes: 0, log: [] }
  // What is behind each wrapped statement, so that batch() counts it and hands D1 its own object.
  const made = new WeakMap<object, { stmt: D1PreparedStatement; sql: string; params: unknown[] }>()

  const record = (sql: string, params: unknown[]) => {
    usage.queries++
    usage.maxParams = Math.max(usage.maxParams, params.length)
    for (const p of params) {
      if (typeof p === 'string')
        usage.maxStringBytes = Math.max(usage.maxStringBytes, encoder.encode(p).length)
    }
    usage.log.push([sql.replace(/\s+/g, ' ').slice(0, 60), params.length])
  }

  const wrap = (stmt: D1PreparedStatement, sql: string, params: unknown[]): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') {
          return (...values: unknown[]) => wrap(target.bind(...values), sql, values)
        }
        const value = Reflect.get(target, prop, target)
        if (typeof value !== 'function') return value
        if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') {
          return (...args: unknown[]) => {
            record(sql, params)
            return value.apply(target, args)
          }
        }
        return value.bind(target)
      },
    })
    made.set(proxy, { stmt, sql, params })
    return proxy
  }

  const wrapSession = <T extends D1Database | D1DatabaseSession>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === 'prepare') return (sql: string) => wrap(t.prepare(sql), sql, [])
        if (prop === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            const real = statements.map((s) => {
              const m = made.get(s)
              if (!m) throw new Error('a statement that was not prepared on this binding')
              record(m.sql, m.params)
              return m.stmt
            })
            return t.batch(real)
          }
        }
        if (prop === 'exec') throw new Error('exec() is not counted; the worker does not use it')
        if (prop === 'withSession') {
          return (...args: Parameters<D1Database['withSession']>) =>
            wrapSession(real.withSession(...args))
        }
        const value = Reflect.get(t, prop, t)
        return typeof value === 'function' ? value.bind(t) : value
      },
    })

  return { db: wrapSession(real), usage }
}

const BASE = 'http://kundepuls.test'

/**
 * Calls the worker as SELF would, but with the counting binding, and reads the whole body
 * (a streamed CSV runs its queries while it is read): the usage is that of one invocation.
 */
export async function countedCall(method: string, path: string, opts: CallOptions = {}) {
  const { db, usage } = countingD1(env.DB)
  // Public routes are rate limited per client address: each counted call comes from its own.
  const headers: Record<string, string> = { 'cf-connecting-ip': testAddress(), ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let body: BodyInit | undefined = opts.raw
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['content-type'] ??= 'application/json'
  }
  const ctx = createExecutionContext()
  const bindings: Env = { ...env, DB: db }
  const res = await worker.fetch(
    new Request(`${BASE}${path}`, { method, headers, body }),
    bindings,
    ctx,
  )
  const text = await res.text()
  await waitOnExecutionContext(ctx)
  let json: any
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json, usage }
}

/**
 * Runs a cron's tasks (worker/tasks.ts) each with its own counting binding, as each runs in its
 * own queue invocation: one usage per task.
 */
export async function countedCron(scheduledTime: number, cron = DAILY_CRON) {
  const runs: { task: string; usage: D1Usage }[] = []
  for (const task of await enqueuedTasks(cron, scheduledTime)) {
    const { db, usage } = countingD1(env.DB)
    await runTask(task, { ...env, DB: db })
    runs.push({ task: task.task, usage })
  }
  return runs
}
