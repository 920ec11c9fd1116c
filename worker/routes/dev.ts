// Development only (`npm start` sets KUNDEPULS_DEV=true in .dev.vars): the local mail view — the
// Email Service simulation only logs messages, so this lists what the worker handed to it — and a
// clock for the due-sends cron. Everywhere else every /dev path answers 404, as if absent.
import { createMiddleware } from 'hono/factory'
import { findMessage, lastMessages } from '../db/email-delivery'
import { controlDb } from '../db/resolve'
import { enqueueDueSends } from '../email/due'
import type { AppEnv } from '../env'
import { createApp } from '../lib/app'
import { problemResponse } from '../lib/problem'
import { escapeHtml } from '../lib/html'

const devOnly = createMiddleware<AppEnv>(async function devOnly(c, next) {
  if (c.env.KUNDEPULS_DEV !== 'true')
    return problemResponse('not_found', `No route for ${c.req.method} ${c.req.path}.`)
  await next()
})

export const devRoutes = createApp()

devRoutes.use('*', devOnly)

devRoutes.get('/mail', async (c) => {
  const rows = await lastMessages(controlDb(c.env), 50)
  const items = rows
    .map(
      (r) =>
        `<li><a href="/dev/mail/${escapeHtml(r.send_id)}">${escapeHtml(r.subject)}</a> → ${escapeHtml(r.recipient)} <small>${escapeHtml(r.created_at)}</small> · <a href="/dev/mail/${escapeHtml(r.send_id)}/text">text</a></li>`,
    )
    .join('')
  return c.html(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Local mail</title><h1>Local mail (last 50)</h1>` +
      `<p>What the worker handed to the Email Service simulation. <form method="post" action="/dev/cron"><button>Run the due-sends cron now</button></form></p>` +
      `<ul>${items || '<li>No mail yet.</li>'}</ul></html>`,
  )
})

devRoutes.get('/mail/:id', async (c) => {
  const m = await findMessage(controlDb(c.env), c.req.param('id'))
  if (!m) return problemResponse('not_found', 'No such message.')
  return c.html(m.html)
})

devRoutes.get('/mail/:id/text', async (c) => {
  const m = await findMessage(controlDb(c.env), c.req.param('id'))
  if (!m) return problemResponse('not_found', 'No such message.')
  const headers = Object.entries(JSON.parse(m.headers) as Record<string, string>)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')
  return c.text(`${headers}\n\n${m.text}`)
})

/** Runs the due-sends cron as if it were `at` (ISO 8601; default now): the local time machine. */
devRoutes.post('/cron', async (c) => {
  const raw = c.req.query('at')
  const at = raw ? new Date(raw) : new Date()
  if (Number.isNaN(at.getTime()))
    return problemResponse('validation_failed', 'at must be an ISO 8601 date-time.')
  const done = await enqueueDueSends({ db: controlDb(c.env), env: c.env, now: at })
  return c.json({ at: at.toISOString(), ...done })
})
