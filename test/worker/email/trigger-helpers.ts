// Test helpers for the email channel's schedulers: rules, events, people, programs.
import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import { call } from '../helpers'

export const WEEKDAYS_9_TO_5 = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
}

export async function createRule(token: string, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/email/rules', { token, body })
  expect(res.status, res.text).toBe(201)
  return res.json as { id: string; surveyId: string; eventType: string }
}

export async function readKey(token: string) {
  const res = await call('POST', '/v1/keys', { token, body: { name: 'reader', scope: 'read' } })
  expect(res.status, res.text).toBe(201)
  return res.json.key as string
}

export const sendsOf = async (projectId: string) =>
  (
    await env.DB.prepare(
      'SELECT * FROM email_sends WHERE project_id = ? ORDER BY scheduled_for, id',
    )
      .bind(projectId)
      .all<Record<string, any>>()
  ).results

export const countRows = async (table: string, projectId: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE project_id = ?`)
    .bind(projectId)
    .first<{ n: number }>())!.n
