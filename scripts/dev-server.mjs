// The one way this repo starts the worker locally (npm start, the benches, the browser and README
// tests): `wrangler dev` on 127.0.0.1, a given or free port, an optional persist dir with the
// migrations applied, and a promise that resolves once GET /health answers. When /health never
// answers, it stops wrangler and throws with the tail of wrangler's log, so a broken worker fails
// with its reason instead of a bare timeout.
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { quietEnv } from './lib.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const LOG_KEEP = 64 * 1024
const TAIL_LINES = 40

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/** Applies schema/migrations to the local D1 (in `persistTo`, or wrangler's default state). */
export function migrateLocal(persistTo) {
  const args = ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local']
  if (persistTo) args.push('--persist-to', persistTo)
  const r = spawnSync('npx', args, { cwd: ROOT, env: quietEnv, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`migrations failed:\n${r.stdout}\n${r.stderr}`)
}

const tail = (log) => log.split('\n').slice(-TAIL_LINES).join('\n')

/**
 * Starts `wrangler dev` and resolves once /health answers 200.
 * @param {object} [o]
 * @param {number} [o.port] fixed port; a free one when omitted
 * @param {string} [o.persistTo] D1 state dir; wrangler's default (.wrangler/state) when omitted
 * @param {boolean} [o.migrate] apply the migrations to that state first
 * @param {Record<string, string>} [o.vars] --var bindings (e.g. ADMIN_TOKEN)
 * @param {boolean} [o.echo] also copy wrangler's output to this process's stdout/stderr
 * @param {string} [o.logLevel] wrangler's --log-level (warn)
 * @param {number} [o.timeoutMs] how long /health may take to answer (90 s)
 */
export async function startDevServer(o = {}) {
  if (o.migrate) migrateLocal(o.persistTo)
  const port = o.port ?? (await freePort())
  // Parallel wrangler devs would all claim the default inspector port 9229.
  const inspector = await freePort()
  const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port)]
  args.push('--inspector-port', String(inspector), '--log-level', o.logLevel ?? 'warn')
  if (o.persistTo) args.push('--persist-to', o.persistTo)
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push('--var', `${k}:${v}`)
  // Its own process group, so stop() ends npx, wrangler and workerd together.
  const child = spawn('npx', args, {
    cwd: ROOT,
    env: quietEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  const keep = (out) => (d) => {
    log = (log + d).slice(-LOG_KEEP)
    if (o.echo) out.write(d)
  }
  child.stdout.on('data', keep(process.stdout))
  child.stderr.on('data', keep(process.stderr))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const url = `http://127.0.0.1:${port}`

  const onExit = () => {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  process.once('exit', onExit)
  const stop = async () => {
    process.removeListener('exit', onExit)
    if (child.exitCode !== null || child.signalCode !== null) return
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      return // already gone
    }
    const late = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }, 5000)
    await exited
    clearTimeout(late)
  }

  const deadline = Date.now() + (o.timeoutMs ?? 90_000)
  while (Date.now() < deadline && child.exitCode === null) {
    // wrangler dev holds requests while a build is broken: bound each poll.
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return { url, port, stop, log: () => log, exited }
    await new Promise((r) => setTimeout(r, 250))
  }
  const why = child.exitCode !== null ? `exited with ${child.exitCode}` : 'never answered /health'
  await stop()
  throw new Error(`wrangler dev on ${url} ${why}. Last lines of its log:\n${tail(log)}`)
}
