// A help desk's "ticket solved" call: verified before anything is read or written, then
// remembered (replays are ignored), pre-checked, and turned into one job per ticket on the queue.
import type { InboundAccepted } from '../../schema/connection'
import { findConnectionById, rulesOf } from '../db/helpdesk-connections'
import { logEvent } from '../db/helpdesk-events'
import { armJob } from '../db/helpdesk-jobs'
import { rememberDelivery } from '../db/helpdesk-inbound-seen'
import type { Env } from '../env'
import { sealContext } from '../helpdesk/desk'
import { readInbound, verifyInbound } from '../helpdesk/inbound'
import { precheck } from '../helpdesk/rules'
import { newId } from '../lib/ids'
import { ApiError } from '../lib/problem'
import { open } from '../lib/secret-box'
import { dbFor, dbForPublicId } from '../db/resolve'

/** One answer for an unknown connection and a bad signature: no oracle for connection ids. */
const refused = () =>
  new ApiError('signature_invalid', "The call is not signed with this connection's secret.")

export async function receiveInbound(
  env: Env,
  connectionId: string,
  raw: string,
  header: (name: string) => string | undefined,
  now: Date,
): Promise<InboundAccepted> {
  const conn = await findConnectionById(dbForPublicId(env, connectionId), connectionId)
  if (!conn) throw refused()
  const db = dbFor(env, conn.project_id)
  const secret = conn.inbound_secret_sealed
    ? await open(
        env.ENCRYPTION_KEY,
        conn.inbound_secret_sealed,
        sealContext(conn.id, 'inbound'),
      ).catch(() => null)
    : null
  const verified = await verifyInbound(conn.kind, secret, header, raw, now)
  if (!verified.ok) throw refused()
  const at = now.toISOString()
  if (!(await rememberDelivery(db, conn.id, verified.digest, at))) return { status: 'duplicate' }

  const call = readInbound(conn.kind, raw, header)
  if (call.type === 'invalid') throw new ApiError('validation_failed', call.detail)
  const log = (
    ticketId: string | null,
    outcome: 'scheduled' | 'skipped',
    reason: Parameters<typeof logEvent>[1]['reason'],
    detail: string,
  ) => logEvent(db, { connection_id: conn.id, ticket_id: ticketId, outcome, reason, detail }, at)
  if (call.type === 'ignored') {
    await log(null, 'skipped', call.reason, call.detail)
    return { status: 'ignored', reason: call.reason }
  }
  const rules = rulesOf(conn)
  const pre = precheck(rules, call.hints)
  if (!pre.go) {
    await log(call.ticketId, 'skipped', pre.reason, pre.detail)
    return { status: 'skipped', reason: pre.reason }
  }
  const dueAt = new Date(now.getTime() + rules.delayMinutes * 60_000).toISOString()
  const job = await armJob(db, {
    id: newId('hdj'),
    connection_id: conn.id,
    project_id: conn.project_id,
    ticket_id: call.ticketId,
    state: 'waiting',
    due_at: dueAt,
    attempts: 0,
    lease_until: null,
    survey_url: null,
    reply_html: null,
    created_at: at,
    updated_at: at,
  })
  if (!job) {
    await log(
      call.ticketId,
      'skipped',
      'already_handled',
      'this ticket already had its turn (once per ticket)',
    )
    return { status: 'skipped', reason: 'already_handled' }
  }
  await log(
    call.ticketId,
    'scheduled',
    'solved',
    `survey due at ${job.due_at}, if the rules still allow it then`,
  )
  // A failed send leaves the job waiting: the per-minute sweep enqueues it once it is overdue.
  await env.OUTBOUND.send(
    { kind: 'helpdesk', jobId: job.id },
    { delaySeconds: rules.delayMinutes * 60 },
  ).catch((err) => console.error('helpdesk: enqueue failed; the sweep will retry', job.id, err))
  return { status: 'scheduled' }
}
