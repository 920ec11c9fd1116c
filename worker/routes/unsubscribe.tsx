/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// One-click unsubscribe (RFC 8058): the mailbox provider POSTs `List-Unsubscribe=One-Click` to
// the URL of the List-Unsubscribe header, and that POST unsubscribes. A GET (a person clicking
// the footer link, or a mail scanner that follows every link and runs its script) only shows a
// page with a button: nothing changes without a POST. https://www.rfc-editor.org/rfc/rfc8058
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from '@hono/zod-openapi'
import { EMAIL_MESSAGES } from '../../schema/email-messages'
import { format, resolveLocale } from '../../schema/i18n'
import { findSendForUnsubscribe } from '../db/email-delivery'
import { dbForPublicId } from '../db/resolve'
import { parseUnsubscribeToken, verifyUnsubscribeToken } from '../email/unsubscribe-token'
import { suppress } from '../db/suppressions'
import type { AppEnv } from '../env'
import { createApp } from '../lib/app'
import { ApiError } from '../lib/problem'
import { rateLimit } from '../middleware/rate-limit'
import { acceptLanguages } from '../lib/accept-language'
import { Layout, pageHeaders, renderPage } from '../pages/layout'

type C = Context<AppEnv>

async function page(
  c: C,
  status: ContentfulStatusCode,
  locale: string,
  body: string,
  form?: string,
) {
  const l = resolveLocale([locale])
  const html = await renderPage(
    <Layout locale={l} title={body}>
      <h1>{body}</h1>
      {form ? (
        <form method="post" action={form}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">{EMAIL_MESSAGES[l].unsubscribeButton}</button>
        </form>
      ) : null}
    </Layout>,
  )
  return c.body(html, status, {
    'content-type': 'text/html; charset=utf-8',
    ...(await pageHeaders()),
  })
}

/** The send a token names, once its MAC and expiry hold; else the page to answer. */
async function open(c: C) {
  const parsed = parseUnsubscribeToken(c.req.param('token') ?? '')
  const lang = acceptLanguages(c.req.header('accept-language'))[0] ?? 'en'
  const invalid = () => page(c, 404, lang, EMAIL_MESSAGES[resolveLocale([lang])].unsubscribeInvalid)
  if (!parsed) return { answer: await invalid() }
  const d1 = dbForPublicId(c.env, parsed.sendId)
  const send = await findSendForUnsubscribe(d1, parsed.sendId)
  if (!send) return { answer: await invalid() }
  const verdict = await verifyUnsubscribeToken(send.link_secret, parsed, new Date())
  if (verdict !== 'valid') return { answer: await invalid() }
  return { send, d1 }
}

export const unsubscribeRoutes = createApp()

// Limits before work: the address is counted before the token's send is read from D1.
unsubscribeRoutes.get(
  '/:token',
  rateLimit({ binding: 'PUBLIC_READ_LIMITER', scope: 'unsubscribe-page' }),
  async (c) => {
    const o = await open(c)
    if ('answer' in o) return o.answer
    const m = EMAIL_MESSAGES[resolveLocale([o.send.locale])]
    return page(
      c,
      200,
      o.send.locale ?? 'en',
      format(m.unsubscribeQuestion, { company: o.send.company }),
      c.req.path,
    )
  },
)

unsubscribeRoutes.post(
  '/:token',
  rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'unsubscribe' }),
  async (c) => {
    const o = await open(c)
    if ('answer' in o) return o.answer
    // RFC 8058 §3.2: the POST carries List-Unsubscribe=One-Click; the token alone decides, so a
    // provider that sends another body (or none) still unsubscribes the person.
    await suppress(
      o.d1,
      o.send.project_id,
      [o.send.email_hash],
      'unsubscribed',
      new Date().toISOString(),
    )
    const m = EMAIL_MESSAGES[resolveLocale([o.send.locale])]
    return page(c, 200, o.send.locale ?? 'en', format(m.unsubscribed, { company: o.send.company }))
  },
)

unsubscribeRoutes.onError((err, c) => {
  if (err instanceof ApiError && err.status < 500)
    return c.body(err.message, err.status as ContentfulStatusCode, { ...err.headers })
  console.error('unsubscribe error', c.req.method, err)
  return c.body('Please try again later.', 500)
})

const htmlPage = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() } },
})

for (const method of ['get', 'post'] as const) {
  unsubscribeRoutes.openAPIRegistry.registerPath({
    method,
    path: '/{token}',
    summary:
      method === 'get'
        ? 'The unsubscribe page of a survey email (HTML): one button; opening it changes nothing'
        : 'One-click unsubscribe (RFC 8058): suppresses the address and ends its pending sends',
    request: { params: z.object({ token: z.string().max(100) }) },
    responses: {
      200: htmlPage('HTML page'),
      404: htmlPage('Invalid or expired token (HTML page)'),
      429: htmlPage('Rate limited per client address'),
    },
  })
}
