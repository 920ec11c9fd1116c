/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// GET/POST /s/:token, the hosted survey page behind a signed link. A GET never records anything
// (mail security scanners follow and render every link); only the form's POST does, made when a
// person presses Send or picks a score (worker/pages/enhance.ts). Errors here are HTML
// pages in the respondent's language with the right status, not problem+json.
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { LIMITS, SCALES, type Locale } from '../../schema/constants'
import { MESSAGES, resolveLocale } from '../../schema/i18n'
import { surveyCopy } from '../../schema/survey-copy'
import { polarityOf } from '../../schema/scoring'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/problem'
import { createApp } from '../lib/app'
import { TOKEN_LENGTH } from '../lib/link-token'
import { limitBody } from '../middleware/body-limit'
import { rateLimit } from '../middleware/rate-limit'
import { pageHeaders, renderPage } from '../pages/layout'
import { MessagePage, SurveyPage, ThankYouPage } from '../pages/survey-page'
import {
  answerLink,
  isScoreFor,
  openLink,
  previousAnswer,
  type OpenLink,
  type OpenedLink,
} from '../services/invitations'
import { dbForPublicId } from '../db/resolve'
import { outboxRelay } from '../middleware/outbox-relay'
import { acceptLanguages } from '../lib/accept-language'

type Ctx = Context<AppEnv>

async function page(
  c: Ctx,
  status: ContentfulStatusCode,
  element: JSX.Element,
  headers: Record<string, string> = {},
) {
  const body = await renderPage(element)
  return c.body(body, status, {
    'content-type': 'text/html; charset=utf-8',
    ...(await pageHeaders()),
    ...headers,
  })
}

function messagePage(
  c: Ctx,
  status: ContentfulStatusCode,
  locale: Locale,
  key: 'linkInvalid' | 'linkExpired' | 'tryAgainLater',
  headers?: Record<string, string>,
) {
  const m = MESSAGES[locale]
  const detail = key === 'linkExpired' ? m.linkExpiredDetail : undefined
  return page(c, status, <MessagePage locale={locale} title={m[key]} detail={detail} />, headers)
}

/** The page for a link that cannot be answered: tampered 400, unknown 404, expired or closed 410. */
function unusableLink(c: Ctx, link: Exclude<OpenedLink, OpenLink>) {
  if (link.status === 'expired' || link.status === 'closed')
    return messagePage(c, 410, link.locale, 'linkExpired')
  return messagePage(
    c,
    link.status === 'invalid' ? 400 : 404,
    resolveLocale(acceptLanguages(c.req.header('accept-language'))),
    'linkInvalid',
  )
}

/** A whole number on the link's scale, or undefined. */
function scoreFrom(link: OpenLink, value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,2}$/.test(value)) return undefined
  const score = Number(value)
  return isScoreFor(link, score) ? score : undefined
}

/** Consent can be honoured only for a link that carries a customer or an email (issue 17.6). */
const reachable = (link: OpenLink) => !!(link.invitation.customer_id || link.invitation.email)

function form(
  c: Ctx,
  link: OpenLink,
  status: ContentfulStatusCode,
  state: { selected?: number; reason?: string; contactConsent?: boolean; error?: boolean },
) {
  const { survey } = link.target
  return page(
    c,
    status,
    <SurveyPage
      action={c.req.path}
      locale={link.locale}
      kind={survey.kind}
      scale={SCALES[survey.kind]}
      copy={surveyCopy(survey.kind, survey.texts, link.locale, MESSAGES[link.locale])}
      offerConsent={reachable(link)}
      {...state}
    />,
  )
}

// The shared limit (worker/middleware/body-limit.ts): a refused chunked form is drained too.
const limitForm = limitBody(LIMITS.bodyBytes, (c) =>
  messagePage(
    c as Ctx,
    413,
    resolveLocale(acceptLanguages(c.req.header('accept-language'))),
    'tryAgainLater',
  ),
)

export const hostedSurveyRoutes = createApp()

// Limits before work: the address is counted before the token's invitation is read from D1.
const limitPage = rateLimit({ binding: 'PUBLIC_READ_LIMITER', scope: 'link-page' })
const limitAnswer = rateLimit({ binding: 'PUBLIC_WRITE_LIMITER', scope: 'link-answer' })

hostedSurveyRoutes.get('/:token', limitPage, async (c) => {
  const token = c.req.param('token')
  const d1 = dbForPublicId(c.env, token)
  const link = await openLink(
    d1,
    token,
    new Date(),
    acceptLanguages(c.req.header('accept-language')),
  )
  if (link.status !== 'open') return unusableLink(c, link)
  const before = await previousAnswer(d1, link)
  // ?score=N only preselects: the answer is recorded by the form's POST, never by this GET.
  const selected = scoreFrom(link, c.req.query('score')) ?? before?.score
  return form(c, link, 200, {
    selected,
    reason: before?.reason,
    contactConsent: before?.contactConsent,
  })
})

hostedSurveyRoutes.post('/:token', limitAnswer, limitForm, outboxRelay(), async (c) => {
  const token = c.req.param('token')
  const d1 = dbForPublicId(c.env, token)
  const link = await openLink(
    d1,
    token,
    new Date(),
    acceptLanguages(c.req.header('accept-language')),
  )
  if (link.status !== 'open') return unusableLink(c, link)
  // A body that is no readable form (a broken multipart, say) is the sender's mistake: 400.
  const body = await c.req.parseBody().catch(() => undefined)
  if (!body) return form(c, link, 400, { error: true })
  const reason = typeof body.reason === 'string' ? body.reason.trim() : ''
  if (reason.length > LIMITS.reason) return messagePage(c, 400, link.locale, 'tryAgainLater')
  const contactConsent = reachable(link) && body.contactConsent !== undefined
  const score = scoreFrom(link, body.score)
  if (score === undefined) return form(c, link, 400, { reason, contactConsent, error: true })
  await answerLink(d1, link, { score, reason, contactConsent }, new Date())
  const { survey } = link.target
  const promoter = polarityOf(survey.kind, score) === 'positive'
  return page(
    c,
    200,
    <ThankYouPage
      locale={link.locale}
      copy={surveyCopy(survey.kind, survey.texts, link.locale, MESSAGES[link.locale])}
      referralUrl={promoter ? survey.referralUrl : null}
      reviewUrl={survey.reviewUrl}
    />,
  )
})

// Errors thrown below this router (rate limit, storage) become HTML pages too.
hostedSurveyRoutes.onError((err, c) => {
  const locale = resolveLocale(acceptLanguages(c.req.header('accept-language')))
  if (err instanceof ApiError && err.status < 500)
    return messagePage(c, err.status, locale, 'tryAgainLater', err.headers)
  console.error('hosted survey error', c.req.method, c.req.path, err)
  return messagePage(c, 500, locale, 'tryAgainLater')
})

const htmlPage = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() } },
})
// What the hosted form posts (form-encoded); documented only, the handler reads it by hand.
const HostedForm = z.object({
  score: z.string().max(2).describe('A whole number on the survey scale'),
  reason: z.string().max(LIMITS.reason).optional(),
  contactConsent: z.literal('on').optional(),
})

for (const method of ['get', 'post'] as const) {
  hostedSurveyRoutes.openAPIRegistry.registerPath({
    method,
    path: '/{token}',
    summary:
      method === 'get'
        ? 'Hosted survey page (HTML); ?score=N preselects N but records nothing'
        : 'Record the answer sent by the hosted form (form-encoded); a second answer through the same link replaces the first (the same score again keeps answeredAt)',
    request: {
      params: z.object({ token: z.string().max(TOKEN_LENGTH).describe('The signed link token') }),
      ...(method === 'get'
        ? { query: z.object({ score: z.string().max(2).optional() }) }
        : {
            body: {
              required: true,
              content: { 'application/x-www-form-urlencoded': { schema: HostedForm } },
            },
          }),
    },
    responses: {
      200: htmlPage('HTML page'),
      400: htmlPage('Tampered link or invalid answer (HTML page)'),
      404: htmlPage('Unknown link (HTML page)'),
      410: htmlPage('Expired link or closed survey (HTML page)'),
      429: htmlPage('Rate limited per client address (HTML page, Retry-After)'),
      ...(method === 'post' ? { 413: htmlPage('Form too large (HTML page)') } : {}),
    },
  })
}
