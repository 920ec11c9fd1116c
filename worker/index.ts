// The Kundepuls worker: composes the routers and exports the handler.
import { cors } from 'hono/cors'
import { DAY_MS } from '../schema/constants'
import type { Env } from './env'
import { handleError, problemResponse } from './lib/problem'
import { allowedMethods } from './lib/allowed-methods'
import { createApp } from './lib/app'
import { registerDocs } from './routes/docs'
import { customerRoutes } from './routes/customers'
import { healthRoutes } from './routes/health'
import { hostedSurveyRoutes } from './routes/hosted-survey'
import { invitationRoutes } from './routes/invitations'
import { journeyRoutes } from './routes/journeys'
import { metricsRoutes } from './routes/metrics'
import { projectSettingsRoutes } from './routes/project'
import { projectRoutes } from './routes/projects'
import { publicImpressionRoutes } from './routes/public-impressions'
import { publicResponseRoutes } from './routes/public-responses'
import { publicSurveyRoutes } from './routes/public-surveys'
import { responseRoutes } from './routes/responses'
import { surveyRoutes } from './routes/surveys'
import { themeRoutes } from './routes/themes'
import { dashboardRoutes } from './routes/dashboard'
import { keyRoutes } from './routes/keys'
import { sessionRoutes } from './routes/sessions'
import { authRoutes } from './routes/auth'
import { passkeyRoutes } from './routes/passkeys'
import { memberRoutes } from './routes/members'
import { scheduled } from './scheduled'
import { webhookRoutes } from './routes/webhooks'
import { queue } from './outbound/consumer'
import { connectionRoutes } from './routes/connections'
import { inboundRoutes } from './routes/inbound'
import { emailSendRoutes } from './routes/email-sends'
import { suppressionRoutes } from './routes/suppressions'
import { unsubscribeRoutes } from './routes/unsubscribe'
import { devRoutes } from './routes/dev'
import { followUpRoutes } from './routes/follow-ups'
import { auditRoutes } from './routes/audit'
import { auditTrail } from './audit/middleware'
import { widgetLoaderRoutes } from './routes/widget-loader'
import { emailRuleRoutes } from './routes/email-rules'
import { eventRoutes } from './routes/events'
import { peopleRoutes } from './routes/people'
import { emailProgramRoutes } from './routes/email-programs'
import { emailStatsRoutes } from './routes/email-stats'
import { oidcAuthRoutes } from './routes/oidc'
import { projectOidcRoutes } from './routes/project-oidc'

const app = createApp()

// Public routes are called from customers' sites; the per-survey origin check happens on write.
app.use(
  '/v1/public/*',
  cors({ origin: (o) => o, allowMethods: ['GET', 'POST', 'PATCH'], maxAge: DAY_MS / 1000 }),
)

// Every state-changing manager call leaves an audit entry, whichever router serves it.
app.use('/v1/*', auditTrail())

app.route('/health', healthRoutes)
app.route('/v1/projects', projectRoutes)
app.route('/v1/project/oidc', projectOidcRoutes)
app.route('/v1/project', projectSettingsRoutes)
app.route('/v1/surveys', surveyRoutes)
app.route('/v1/public/surveys', publicSurveyRoutes)
app.route('/v1/public/responses', publicResponseRoutes)
app.route('/v1/public', publicImpressionRoutes)
app.route('/v1/responses', responseRoutes)
app.route('/v1/invitations', invitationRoutes)
app.route('/s', hostedSurveyRoutes)
app.route('/v1/metrics', metricsRoutes)
app.route('/v1/customers', customerRoutes)
app.route('/v1/webhooks', webhookRoutes)
app.route('/v1/connections', connectionRoutes)
// The help desk's public inbound call (the URL in a connection's setup).
app.route('/v1/inbound', inboundRoutes)
app.route('/v1/themes', themeRoutes)
app.route('/v1/journeys', journeyRoutes)
app.route('/v1/keys', keyRoutes)
app.route('/v1/sessions', sessionRoutes)
app.route('/v1/email', emailSendRoutes)
app.route('/v1/suppressions', suppressionRoutes)
// One-click unsubscribe (RFC 8058): the URL of a survey email's List-Unsubscribe header.
app.route('/u', unsubscribeRoutes)
// The local mail view and clock of `npm start` (KUNDEPULS_DEV); 404 everywhere else.
app.route('/dev', devRoutes)
app.route('/v1/follow-ups', followUpRoutes)
app.route('/v1/audit', auditRoutes)
// Single sign-on with a project's OpenID Connect provider (worker/oidc/).
app.route('/v1/auth/oidc', oidcAuthRoutes)
app.route('/v1/auth', authRoutes)
app.route('/v1/auth/passkeys', passkeyRoutes)
app.route('/v1/members', memberRoutes)
app.route('/v1/email/rules', emailRuleRoutes)
app.route('/v1/events', eventRoutes)
app.route('/v1/people', peopleRoutes)
app.route('/v1/email/programs', emailProgramRoutes)
app.route('/v1/email', emailStatsRoutes)
app.route('/app', dashboardRoutes)
// The widget's loader: the static file, or with ?survey= that survey's config in front.
app.route('/widget.js', widgetLoaderRoutes)
registerDocs(app)

const allowedAt = allowedMethods(app.routes)
app.notFound((c) => {
  const allow = allowedAt(c.req.path)
  if (allow.length && !allow.includes(c.req.method))
    return problemResponse(
      'method_not_allowed',
      `${c.req.method} is not served at ${c.req.path}; it serves ${allow.join(', ')}.`,
      undefined,
      { allow: allow.join(', ') },
    )
  return problemResponse('not_found', `No route for ${c.req.method} ${c.req.path}.`)
})
app.onError(handleError)

export default { fetch: app.fetch, scheduled, queue } satisfies ExportedHandler<Env>
