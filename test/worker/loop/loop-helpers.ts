// Helpers of the closed-loop tests: people inserted straight into users and memberships (the
// sign-in is another module's), negative answers through the public route, a user's context,
// and a mailer that keeps what it is given.
import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import type { Role } from '../../../schema/roles'
import { scopeOfRole } from '../../../schema/roles'
import { contextFor } from '../../../worker/context'
import type { Env } from '../../../worker/env'
import { answer } from '../helpers'

export async function addMember(
  projectId: string,
  role: Role,
  email = `${crypto.randomUUID()}@example.com`,
) {
  const id = `usr_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`
  const at = new Date().toISOString()
  await env.DB.batch([
    env.DB.prepare('INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)').bind(
      id,
      email,
      'Member',
      at,
    ),
    env.DB.prepare(
      'INSERT INTO memberships (project_id, user_id, role, limits, created_at) VALUES (?, ?, ?, NULL, ?)',
    ).bind(projectId, id, role, at),
  ])
  // Memberships are ordered by creation time: keep each one's own millisecond.
  await new Promise((r) => setTimeout(r, 2))
  return { id, email }
}

/** A signed-in person's context, as the accounts middleware will build it. */
export const userContext = (projectId: string, userId: string, role: Role, now = new Date()) =>
  contextFor(
    env,
    projectId,
    { kind: 'user', userId, role, scope: scopeOfRole(role), limits: null, sessionHash: 'test' },
    now,
  )

/** Stores an answer through the public route; answers its id. */
export async function answered(
  surveyId: string,
  score: number,
  extra: Record<string, unknown> = {},
) {
  const res = await answer(surveyId, { score, ...extra })
  expect(res.status, res.text).toBe(201)
  return res.json.id as string
}

export async function followUpRow(responseId: string) {
  return env.DB.prepare('SELECT * FROM follow_ups WHERE response_id = ?')
    .bind(responseId)
    .first<Record<string, string | null>>()
}

export interface SentMail {
  to: string
  subject: string
  text: string
}

/** The worker's bindings with a mailer that records each message instead of sending it. */
export function recordingMailer(): { env: Env; sent: SentMail[] } {
  const sent: SentMail[] = []
  const EMAIL = {
    async send(m: SentMail) {
      sent.push({ to: m.to, subject: m.subject, text: m.text })
      return { messageId: `m${sent.length}` }
    },
  } as unknown as SendEmail
  return { env: { ...env, EMAIL }, sent }
}
