import { createRoute } from '@hono/zod-openapi'
import { Themes, ThemesQuery } from '../../schema/themes'
import { jsonContent, problems, securedRead } from '../lib/openapi'
import { createApp } from '../lib/app'
import { computeThemes } from '../services/themes'

const route = createRoute({
  method: 'get',
  path: '/',
  summary:
    'What the reasons keep saying: the most mentioned words and two-word phrases, with their lean',
  description:
    'Terms come from every reason in any of the 11 locales (Intl.Segmenter words, lower case, ' +
    'accents folded, stopwords-iso lists removed), counted at write time into rollups per survey, ' +
    'UTC day, touchpoint and term, so a call reads buckets, not reasons (`x-d1-rows-read`). ' +
    '`share` is the percentage of reasons in the filter that mention the term; `lean` compares ' +
    'negative with positive reasons in the window (the category filter does not change it). ' +
    'Test answers are left out; erasure and anonymisation take their terms out.',
  ...securedRead,
  request: { query: ThemesQuery },
  responses: { 200: jsonContent(Themes, 'The themes'), ...problems(400, 401, 403, 404) },
})

export const themeRoutes = createApp().openapi(route, async (c) => {
  const { body, rowsRead } = await computeThemes(c.var.ctx, c.req.valid('query'))
  c.header('x-d1-rows-read', String(rowsRead))
  return c.json(body, 200)
})
