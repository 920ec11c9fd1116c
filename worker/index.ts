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
import { scheduled } from './scheduled'
import { webhookRoutes } from './routes/webhooks'
import { outboxRelay } from './middleware/outbox-relay'
import { queue } from './outbound/consumer'
import { connectionRoutes } from './routes/connections'

const app = createApp()

// Every successful write hands the webhook events it stored to the queue (after the response).
app.use(outboxRelay())

// Public routes are called from customers' sites; the per-survey origin check happens on write.
app.use(
  '/v1/public/*',
  cors({ origin: (o) => o, allowMethods: ['GET', 'POST', 'PATCH'], maxAge: DAY_MS / 1000 }),
)

app.route('/', healthRoutes)
app.route('/', projectRoutes)
app.route('/', projectSettingsRoutes)
app.route('/', surveyRoutes)
app.route('/', publicSurveyRoutes)
app.route('/', publicResponseRoutes)
app.route('/', publicImpressionRoutes)
app.route('/', responseRoutes)
app.route('/', invitationRoutes)
app.route('/', hostedSurveyRoutes)
app.route('/', metricsRoutes)
app.route('/', customerRoutes)
app.route('/', webhookRoutes)
app.route('/', connectionRoutes)
app.route('/', themeRoutes)
app.route('/', journeyRoutes)
app.route('/', keyRoutes)
app.route('/', sessionRoutes)
app.route('/', dashboardRoutes)
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
