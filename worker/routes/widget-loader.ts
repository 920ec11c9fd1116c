// GET /widget.js: the widget's loader. Without `survey` it is the static file, as every snippet
// so far loads it. With `?survey=…` it carries that survey's config (the config route's answer),
// so the survey shows one request sooner: widget.js, then the UI chunk (issue 21.1).
// wrangler.toml routes /widget.js here first (run_worker_first).
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { resolveLocale } from '../../schema/i18n'
import { WidgetLoaderQuery } from '../../schema/survey'
import type { AppEnv } from '../env'
import { createApp } from '../lib/app'
import { problems } from '../lib/openapi'
import { problemResponse } from '../lib/problem'
import { rateLimit } from '../middleware/rate-limit'
import { preludeOf } from '../lib/loader-prelude'
import { acceptLanguages } from '../lib/accept-language'
import { LOADER_MAX_AGE, pageOrigin, preloadFor } from '../services/widget-loader'

/** The built widget.js (dist/public), as the assets serve it. */
const loaderAsset = (c: Context<AppEnv>) => c.env.ASSETS?.fetch(new URL('/widget.js', c.req.url))

/** Without `survey`: the static file, unchanged, before any limit (it reads nothing). */
const plainWithoutSurvey = () =>
  createMiddleware<AppEnv>(async function plainWithoutSurvey(c, next) {
    if (c.req.query('survey') !== undefined) return next()
    const res = await loaderAsset(c)
    if (!res?.ok) return notBuilt()
    return new Response(res.body, res)
  })

const notBuilt = () =>
  problemResponse('widget_not_built', 'The widget is not built: run `npm run build`.')

const route = createRoute({
  method: 'get',
  path: '/',
  summary:
    'The widget loader; with `survey`, carrying that survey’s config for the page’s origin and languages (no auth)',
  middleware: [
    plainWithoutSurvey(),
    rateLimit({ binding: 'PUBLIC_READ_LIMITER', scope: 'config' }),
  ] as const,
  request: { query: WidgetLoaderQuery },
  responses: {
    200: {
      content: { 'text/javascript': { schema: z.string() } },
      description:
        'widget.js, with the config in front when the page’s origin (Origin, else Referer) is one the survey allows',
    },
    ...problems(400, 404, 429),
  },
})

export const widgetLoaderRoutes = createApp().openapi(route, async (c) => {
  const { survey, locale } = c.req.valid('query')
  const asset = await loaderAsset(c)
  if (!survey || !asset?.ok) return notBuilt()
  const page = pageOrigin(c.req.header('origin'), c.req.header('referer'))
  const languages = [
    ...(locale ? [locale] : []),
    ...acceptLanguages(c.req.header('accept-language')),
  ]
  // A short edge cache per survey, page origin, chosen locale and loader build: a hit reads no D1.
  const key = new URL('/widget.js', c.req.url)
  for (const [k, v] of Object.entries({
    survey,
    o: page ?? '',
    l: resolveLocale(languages),
    v: asset.headers.get('etag') ?? '',
  }))
    key.searchParams.set(k, v)
  const cache = caches.default
  const hit = await cache.match(key)
  if (hit) return hit
  const preload = await preloadFor(c.env, { surveyId: survey, page, languages })
  const res = new Response(preludeOf(preload) + (await asset.text()), {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': `public, max-age=${LOADER_MAX_AGE}`,
      // Another language gets other texts. Not Referer: the loader uses the config only on the
      // page origin it names, so a copy cached for another page costs a request, nothing more.
      vary: 'accept-language',
      'x-content-type-options': 'nosniff',
    },
  })
  c.executionCtx.waitUntil(cache.put(key, res.clone()))
  return res
})
