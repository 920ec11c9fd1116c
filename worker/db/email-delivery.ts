// Queries that move a scheduled send to its end (schema/migrations/0017_email_pipe.sql): the
// cron's claim, the consumer's lease, and the guarded transitions. Each transition is one UPDATE
// whose WHERE names the state it leaves (and the lease it holds), so a retried message or a
// second consumer finds nothing to change: D1 runs each statement alone (no transactions).
import type { SurveyKind } from '../../schema/constants'
import type { SendState } from '../../schema/email'
import type { SuppressionReason } from '../../schema/email-sends'
import { paginate, type CursorKey } from '../lib/cursor'
import { getDb } from './client'
import type { EmailMessageRow, EmailSendRow } from './types'

/**
 * Takes up to `limit` due sends nobody holds, through the due index (state = 'scheduled'), and
 * holds them until `leaseUntil`: a second cron run in the same minute takes other rows, and a
 * send whose message was lost is taken again once the lease has passed.
 */
const CLAIM_DUE = `UPDATE email_sends SET lease_until = ?1
WHERE id IN (SELECT id FROM email_sends
  WHERE state = 'scheduled' AND scheduled_for <= ?2 AND (lease_until IS NULL OR lease_until <= ?2)
  ORDER BY scheduled_for LIMIT ?3)
RETURNING id, project_id`

export async function claimDueSends(
  d1: D1Database,
  now: string,
  leaseUntil: string,
  limit: number,
) {
  const { results } = await d1
    .prepare(CLAIM_DUE)
    .bind(leaseUntil, now, limit)
    .all<{ id: string; project_id: string }>()
  return results
}

/**
 * The consumer's lease on one scheduled send: taken only when no other consumer holds a live
 * one, so two deliveries of one message (at-least-once queues) never both mail it.
 */
export async function leaseSend(
  d1: D1Database,
  ids: { id: string; projectId: string },
  token: string,
  now: string,
  until: string,
) {
  return d1
    .prepare(
      `UPDATE email_sends SET lease_token = ?1, lease_until = ?2
       WHERE id = ?3 AND project_id = ?4 AND state = 'scheduled'
         AND (lease_token IS NULL OR lease_until <= ?5)
       RETURNING *`,
    )
    .bind(token, until, ids.id, ids.projectId, now)
    .first<EmailSendRow>()
}

/** Ends a leased send without mail (suppressed, skipped, cancelled, failed) with its reason. */
export async function endLeasedSend(
  d1: D1Database,
  id: string,
  token: string,
  state: Exclude<SendState, 'scheduled' | 'sent' | 'answered'>,
  reason: string,
) {
  const r = await d1
    .prepare(
      `UPDATE email_sends SET state = ?1, reason = ?2, lease_token = NULL
       WHERE id = ?3 AND lease_token = ?4 AND state = 'scheduled'`,
    )
    .bind(state, reason, id, token)
    .run()
  return (r.meta.changes ?? 0) > 0
}

/** Remembers the survey link made for a leased send, so a retry reuses it (one contact). */
export async function setSendInvitation(d1: D1Database, id: string, token: string, inv: string) {
  await d1
    .prepare('UPDATE email_sends SET invitation_id = ?1 WHERE id = ?2 AND lease_token = ?3')
    .bind(inv, id, token)
    .run()
}

/** The mailer refused: give the lease back, count the attempt, and hold off the cron until `until`. */
export async function releaseForRetry(d1: D1Database, id: string, token: string, until: string) {
  await d1
    .prepare(
      `UPDATE email_sends SET lease_token = NULL, lease_until = ?1, attempts = attempts + 1
       WHERE id = ?2 AND lease_token = ?3 AND state = 'scheduled'`,
    )
    .bind(until, id, token)
    .run()
}

/** The dead-letter queue's end: failed with its reason, unless something else ended it first. */
export async function failSend(d1: D1Database, id: string, projectId: string, reason: string) {
  const r = await d1
    .prepare(
      `UPDATE email_sends SET state = 'failed', reason = ?1, lease_token = NULL
       WHERE id = ?2 AND project_id = ?3 AND state = 'scheduled'`,
    )
    .bind(reason, id, projectId)
    .run()
  return (r.meta.changes ?? 0) > 0
}

/**
 * Marks a leased send sent, stores the message as sent and, for a first ask with a reminder
 * delay, schedules its one reminder (same dedupe key, kind 'reminder', the same survey link),
 * in one batch: D1 runs a batch as one transaction, so either all three happen or none.
 * The reminder's unique (project, dedupe_key, kind) makes a second one impossible.
 */
export async function markSent(
  d1: D1Database,
  send: EmailSendRow,
  token: string,
  message: EmailMessageRow,
  reminderId: string,
) {
  const at = message.created_at
  const [updated] = await d1.batch([
    d1
      .prepare(
        `UPDATE email_sends SET state = 'sent', sent_at = ?1, lease_token = NULL, lease_until = NULL
         WHERE id = ?2 AND lease_token = ?3 AND state = 'scheduled'`,
      )
      .bind(at, send.id, token),
    d1
      .prepare(
        `INSERT OR IGNORE INTO email_messages
           (send_id, project_id, message_id, recipient, subject, headers, html, text, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE changes() > 0`,
      )
      .bind(
        message.send_id,
        message.project_id,
        message.message_id,
        message.recipient,
        message.subject,
        message.headers,
        message.html,
        message.text,
        at,
      ),
    d1
      .prepare(
        `INSERT INTO email_sends (id, project_id, survey_id, source, kind, dedupe_key, email,
           email_hash, customer_id, ref, locale, time_zone, state, scheduled_for,
           reminder_after_days, invitation_id, created_at)
         SELECT ?1, project_id, survey_id, source, 'reminder', dedupe_key, email, email_hash,
           customer_id, ref, locale, time_zone, 'scheduled',
           strftime('%Y-%m-%dT%H:%M:%fZ', ?2, '+' || reminder_after_days || ' days'),
           0, invitation_id, ?2
         FROM email_sends WHERE id = ?3 AND kind = 'survey' AND state = 'sent'
           AND reminder_after_days > 0 AND sent_at = ?2
         ON CONFLICT (project_id, dedupe_key, kind) DO NOTHING`,
      )
      .bind(reminderId, at, send.id),
  ])
  return (updated!.meta.changes ?? 0) > 0
}

/** The first ask of a reminder (same dedupe key), for the "not answered yet" rule. */
export async function firstAskOf(d1: D1Database, send: EmailSendRow) {
  return d1
    .prepare(
      `SELECT state FROM email_sends WHERE project_id = ?1 AND dedupe_key = ?2 AND kind = 'survey'`,
    )
    .bind(send.project_id, send.dedupe_key)
    .first<{ state: SendState }>()
}

/**
 * An answer came through an emailed link: the sends that carried it are answered, and a
 * reminder not sent yet is cancelled (one statement each, in one batch).
 */
export function answeredThroughLinkStatements(d1: D1Database, projectId: string, invId: string) {
  return [
    d1
      .prepare(
        `UPDATE email_sends SET state = 'answered'
         WHERE invitation_id = ?1 AND project_id = ?2 AND state = 'sent'`,
      )
      .bind(invId, projectId),
    d1
      .prepare(
        `UPDATE email_sends SET state = 'cancelled', reason = 'answered', lease_token = NULL
         WHERE invitation_id = ?1 AND project_id = ?2 AND state = 'scheduled' AND kind = 'reminder'`,
      )
      .bind(invId, projectId),
  ]
}

/** Pending sends to an address end (unsubscribe, suppression, erasure); says how many. */
export async function endPendingSendsTo(
  d1: D1Database,
  projectId: string,
  emailHash: string,
  state: 'suppressed' | 'skipped' | 'cancelled',
  reason: string,
) {
  const r = await d1
    .prepare(
      `UPDATE email_sends SET state = ?1, reason = ?2, lease_token = NULL
       WHERE project_id = ?3 AND email_hash = ?4 AND state = 'scheduled'`,
    )
    .bind(state, reason, projectId, emailHash)
    .run()
  return r.meta.changes ?? 0
}

/**
 * What a send needs from its survey and project in one read: the survey (null when deleted or
 * of another project), the cooldown in force, the sender's name and Reply-To, the link secret,
 * and whether the address is on the suppression list.
 */
export async function sendSettings(
  d1: D1Database,
  projectId: string,
  surveyId: string,
  emailHash: string,
) {
  return d1
    .prepare(
      `SELECT p.name AS company, p.link_secret, p.email_reply_to,
         coalesce(s.cooldown_days, p.cooldown_days) AS cooldown_days,
         s.id AS survey_id, s.kind, s.texts,
         (SELECT reason FROM suppressions WHERE project_id = p.id AND email_hash = ?3) AS suppressed
       FROM projects AS p
       LEFT JOIN surveys AS s ON s.id = ?2 AND s.project_id = p.id AND s.deleted_at IS NULL
       WHERE p.id = ?1`,
    )
    .bind(projectId, surveyId, emailHash)
    .first<{
      company: string
      link_secret: string
      email_reply_to: string | null
      cooldown_days: number
      survey_id: string | null
      kind: SurveyKind | null
      texts: string | null
      suppressed: SuppressionReason | null
    }>()
}
export type SendSettings = NonNullable<Awaited<ReturnType<typeof sendSettings>>>

/** When this address was last mailed a survey in the project after `since` (the email channel's own contacts). */
export async function lastEmailedAt(
  d1: D1Database,
  projectId: string,
  emailHash: string,
  since: string,
) {
  const row = await d1
    .prepare(
      `SELECT max(sent_at) AS at FROM email_sends
       WHERE project_id = ? AND email_hash = ? AND kind = 'survey' AND sent_at > ?`,
    )
    .bind(projectId, emailHash, since)
    .first<{ at: string | null }>()
  return row?.at ?? null
}

/**
 * Erasure (DELETE /v1/customers/…): the person's address hash goes on the suppression list as
 * 'erased', their messages as sent are deleted, their pending sends are skipped, and their sends
 * keep no address, customer or ref. `emailHash` is the erased address's (null: by customer id).
 */
export function eraseEmailStatements(
  d1: D1Database,
  projectId: string,
  emailHash: string | null,
  customerIds: readonly string[],
  at: string,
  /** The address erased, if erasure named one: only a known address is suppressed. */
  email: string | null = null,
) {
  const ids = JSON.stringify(customerIds)
  const theirs = `project_id = ?1 AND (email_hash = ?2 OR customer_id IN (SELECT value FROM json_each(?3)))`
  return [
    d1
      .prepare(
        `INSERT INTO suppressions (project_id, email_hash, reason, created_at)
         SELECT ?1, h, 'erased', ?4 FROM (
           SELECT ?2 AS h WHERE ?2 IS NOT NULL AND (json_array_length(?3) > 0
             OR EXISTS (SELECT 1 FROM responses WHERE project_id = ?1
               AND email IS NOT NULL AND lower(email) = lower(?5))
             OR EXISTS (SELECT 1 FROM invitations WHERE project_id = ?1
               AND email IS NOT NULL AND lower(email) = lower(?5))
             OR EXISTS (SELECT 1 FROM email_sends WHERE project_id = ?1 AND email_hash = ?2)
             OR EXISTS (SELECT 1 FROM people WHERE project_id = ?1 AND email_hash = ?2))
           UNION SELECT email_hash FROM email_sends WHERE ${theirs}
           UNION SELECT email_hash FROM people WHERE ${theirs})
         WHERE true ON CONFLICT (project_id, email_hash) DO UPDATE SET reason = 'erased'`,
      )
      .bind(projectId, emailHash, ids, at, email),
    d1
      .prepare(
        `DELETE FROM email_messages WHERE send_id IN (SELECT id FROM email_sends WHERE ${theirs})`,
      )
      .bind(projectId, emailHash, ids),
    d1
      .prepare(
        `UPDATE email_sends SET
           reason = CASE WHEN state = 'scheduled' THEN 'erased' ELSE reason END,
           state = CASE WHEN state = 'scheduled' THEN 'skipped' ELSE state END,
           email = '', customer_id = NULL, ref = NULL, lease_token = NULL
         WHERE ${theirs}`,
      )
      .bind(projectId, emailHash, ids),
  ]
}

/** The project's sends, newest first (by created_at, id), optionally in one state. */
export async function listSends(
  d1: D1Database,
  projectId: string,
  opts: { state?: SendState; limit: number; after?: CursorKey },
) {
  let q = getDb(d1)
    .selectFrom('email_sends')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
  if (opts.state) q = q.where('state', '=', opts.state)
  const after = opts.after
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    )
  return paginate(await q.execute(), opts.limit, (r) => ({ createdAt: r.created_at, id: r.id }))
}

/** One send of the project with its message as sent (null until it is sent). */
export async function findSendWithMessage(d1: D1Database, projectId: string, id: string) {
  const [send, message] = await d1.batch([
    d1.prepare('SELECT * FROM email_sends WHERE id = ? AND project_id = ?').bind(id, projectId),
    d1
      .prepare('SELECT * FROM email_messages WHERE send_id = ? AND project_id = ?')
      .bind(id, projectId),
  ])
  const row = send!.results[0] as EmailSendRow | undefined
  return row && { send: row, message: (message!.results[0] as EmailMessageRow | undefined) ?? null }
}

/** The send an unsubscribe token names, with its project's name and link secret. */
export async function findSendForUnsubscribe(d1: D1Database, id: string) {
  return d1
    .prepare(
      `SELECT e.id, e.project_id, e.email_hash, e.locale, p.name AS company, p.link_secret
       FROM email_sends AS e JOIN projects AS p ON p.id = e.project_id WHERE e.id = ?`,
    )
    .bind(id)
    .first<{
      id: string
      project_id: string
      email_hash: string
      locale: string | null
      company: string
      link_secret: string
    }>()
}

/** The last messages sent on this database (the local mail view of `npm start`). */
export async function lastMessages(d1: D1Database, limit: number) {
  const { results } = await d1
    .prepare(
      `SELECT send_id, recipient, subject, created_at FROM email_messages
       ORDER BY created_at DESC LIMIT ?`,
    )
    .bind(limit)
    .all<Pick<EmailMessageRow, 'send_id' | 'recipient' | 'subject' | 'created_at'>>()
  return results
}

export async function findMessage(d1: D1Database, sendId: string) {
  return d1
    .prepare('SELECT * FROM email_messages WHERE send_id = ?')
    .bind(sendId)
    .first<EmailMessageRow>()
}
