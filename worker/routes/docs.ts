// GET /openapi.json (generated from the zod schemas) and GET /docs, a reference page rendered
// from that same document on the server: no third-party script, works offline.
import type { OpenAPIHono } from '@hono/zod-openapi'
import { html, raw } from 'hono/html'
import type { AppEnv } from '../env'

export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Kundepuls API',
    version: '0.1.0',
    description:
      'NPS, CES and CSAT answers in, honest figures out. Errors are RFC 9457 problem+json.',
  },
}

type Operation = {
  summary?: string
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
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      if (!op.responses) continue
      const jsonBody = op.requestBody?.content?.['application/json'] !== undefined
      if ((jsonBody || op.parameters?.length) && !op.responses['400'])
        op.responses['400'] = problem('Invalid input: the failing fields are listed in `errors`')
      if (jsonBody && !op.responses['415'])
        op.responses['415'] = problem('Unsupported Media Type: send `application/json`')
    }
  }
  return doc
}

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A project secret key, sk_…',
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
    const doc = document()
    const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]) => {
        const auth = op.security?.length ? Object.keys(op.security[0] as object).join(', ') : 'none'
        return html`<tr>
          <td><code>${method.toUpperCase()}</code></td>
          <td><code>${path}</code></td>
          <td>${op.summary ?? ''}</td>
          <td>${auth}</td>
        </tr>`
      }),
    )
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width,initial-scale=1" />
            <title>Kundepuls API reference</title>
            <style>
              body {
                font:
                  15px/1.5 system-ui,
                  sans-serif;
                max-width: 70rem;
                margin: 2rem auto;
                padding: 0 1rem;
                color: #1d2330;
              }
              table {
                border-collapse: collapse;
                width: 100%;
              }
              td,
              th {
                border-bottom: 1px solid #dde;
                padding: 0.4rem;
                text-align: left;
                vertical-align: top;
              }
              code {
                font-size: 13px;
              }
            </style>
          </head>
          <body>
            <h1>${doc.info.title} <small>${doc.info.version}</small></h1>
            <p>${doc.info.description}</p>
            <p>
              Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${doc.openapi}).
              Request and response schemas are listed there under <code>components.schemas</code>.
            </p>
            <table>
              <thead>
                <tr>
                  <th>Method</th>
                  <th>Path</th>
                  <th>What it does</th>
                  <th>Auth</th>
                </tr>
              </thead>
              <tbody>
                ${raw(rows.join(''))}
              </tbody>
            </table>
          </body>
        </html>`,
    )
  })
}
