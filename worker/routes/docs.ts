// GET /openapi.json (generated from the zod schemas) and GET /docs, Swagger UI rendering that
// document. Swagger UI's files are served from this worker's own assets (dist/public/docs-ui,
// copied by dashboard/vite.config.ts): no CDN, works offline, under the page's own CSP.
import type { OpenAPIHono } from '@hono/zod-openapi'
import { html } from 'hono/html'
import { SESSION_COOKIE, USER_SESSION_COOKIE } from '../../schema/constants'
import type { AppEnv } from '../env'
import { docTags, tagOf } from './docs-tags'

export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Kundepuls API',
    version: '0.1.0',
    description:
      'NPS, CES and CSAT answers in, honest figures out. Errors are RFC 9457 problem+json.',
  },
}

/** Swagger UI sets inline styles on its elements, hence 'unsafe-inline' for styles only;
 * scripts are our own files. https://github.com/swagger-api/swagger-ui/issues/7540 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

type Operation = {
  summary?: string
  tags?: string[]
  security?: unknown[]
  requestBody?: { content?: Record<string, unknown> }
  parameters?: unknown[]
  responses?: Record<string, unknown>
}

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

/**
 * Answers that every route gives by construction, so a route file need not list them: 400 where
 * a parameter or body is validated (createApp's defaultHook), 415 where a JSON body is declared
 * (@hono/zod-openapi's media-type gate refuses any other content type before validation).
 */
function withImplicitAnswers(doc: Document): Document {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      if (!op.responses) continue
      op.tags ??= [tagOf(path)]
      const jsonBody = op.requestBody?.content?.['application/json'] !== undefined
      if ((jsonBody || op.parameters?.length) && !op.responses['400'])
        op.responses['400'] = problem('Invalid input: the failing fields are listed in `errors`')
      if (jsonBody && !op.responses['415'])
        op.responses['415'] = problem('Unsupported Media Type: send `application/json`')
    }
  }
  doc.tags = docTags()
  return doc
}

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A project key: sk_… (full) or rk_… (read-only; writes answer 403 insufficient_scope)',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The dashboard session (POST /v1/sessions). Changes made with it need a same-site Origin.',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'userSession', {
    type: 'apiKey',
    in: 'cookie',
    name: USER_SESSION_COOKIE,
    description:
      'A person signed in as themselves (POST /v1/auth/sign-in); their role in the project ' +
      '(kundepuls-project header or kp_project cookie) decides. Changes need a same-site Origin.',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The ADMIN_TOKEN binding',
  })
  // Built once per isolate, on first use: the routes are all registered by then.
  let cached: Document | undefined
  const document = () => (cached ??= withImplicitAnswers(app.getOpenAPI31Document(OPENAPI_CONFIG)))
  app.get('/openapi.json', (c) => c.json(document()))
  app.get('/docs', (c) => {
    c.header('content-security-policy', DOCS_CSP)
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width,initial-scale=1" />
            <title>Kundepuls API reference</title>
            <link rel="stylesheet" href="/docs-ui/swagger-ui.css" />
            <link rel="stylesheet" href="/docs-ui/theme.css" />
          </head>
          <body>
            <header class="kp-docs-bar">
              <h1>${OPENAPI_CONFIG.info.title} reference</h1>
              <p>${OPENAPI_CONFIG.info.description}</p>
              <nav aria-label="Related">
                <a href="/app/">← Dashboard</a>
                <a href="/openapi.json">OpenAPI document (JSON)</a>
              </nav>
            </header>
            <!-- Not a <main>: Swagger UI renders its own main landmark inside. -->
            <div id="swagger-ui" data-spec="/openapi.json">
              <noscript>
                The interactive reference needs JavaScript; the OpenAPI document is at
                <a href="/openapi.json">/openapi.json</a>.
              </noscript>
            </div>
            <script src="/docs-ui/swagger-ui-bundle.js"></script>
            <script src="/docs-ui/init.js"></script>
          </body>
        </html>`,
    )
  })
}
