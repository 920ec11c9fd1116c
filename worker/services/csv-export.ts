// GET /v1/responses as CSV: the filtered list streams in parts of at most CSV_PART_ROWS answers,
// each part one Worker invocation within the Free plan's 50 D1 queries
// (https://developers.cloudflare.com/d1/platform/limits/); a `Link: <…>; rel="next"` header
// (RFC 8288) names the next part when more answers match.
import type { Response as Answer } from '../../schema/response'
import { findPartEnd, listResponses, type ListKey, type ResponseFilter } from '../db/responses'
import { csvStream } from '../lib/csv'
import { encodeCursor } from '../lib/cursor'
import type { Ctx } from '../context'

/** Rows per D1 read: 1,000 answers with the longest reasons are a few MB of memory. */
export const CSV_PAGE_ROWS = 1000
/** 40 reads per part, plus the key lookup, the survey lookup and the part-end read: 43 queries. */
export const CSV_PART_ROWS = 40 * CSV_PAGE_ROWS

export const CSV_HEADER = [
  'id',
  'surveyId',
  'kind',
  'score',
  'category',
  'reason',
  'touchpoint',
  'ref',
  'customerId',
  'email',
  'properties',
  'locale',
  'pagePath',
  'channel',
  'contactConsent',
  'followUp',
  'note',
  'test',
  'createdAt',
  'answeredAt',
  'updatedAt',
  // Last, so that readers of the older columns by position keep working.
  'linkChannel',
] as const satisfies readonly (keyof Answer)[]

export async function csvExport(
  ctx: Ctx,
  filter: ResponseFilter,
  after: ListKey | undefined,
  url: string,
): Promise<Response> {
  const { db: d1, projectId } = ctx
  // The part ends at a fixed answer, so answers inserted meanwhile cannot shift it: the next
  // part starts exactly after it, with no answer twice and none left out.
  const end = await findPartEnd(d1, projectId, filter, after, CSV_PART_ROWS)
  let reads = 0
  const body = csvStream<Answer, ListKey>(
    CSV_HEADER,
    (r) => CSV_HEADER.map((k) => r[k]),
    async (next) => {
      // Only thousands of answers imported into this very part during the download get here:
      // fail loudly rather than go past the query budget or leave answers out.
      if (++reads > CSV_PART_ROWS / CSV_PAGE_ROWS + 2) throw new Error('CSV part outgrew its reads')
      const page = await listResponses(d1, projectId, filter, {
        after: next ?? after,
        until: end ?? undefined,
        limit: CSV_PAGE_ROWS,
      })
      const last = page.rows.at(-1)
      return { rows: page.rows, next: page.more && last ? last : null }
    },
  )
  const headers: Record<string, string> = {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="responses-${filter.surveyId ?? 'all'}.csv"`,
  }
  if (end) {
    const nextUrl = new URL(url)
    nextUrl.searchParams.set('cursor', encodeCursor(end))
    headers.link = `<${nextUrl.href}>; rel="next"`
  }
  // A plain Response: the route documents text/csv beside JSON, which Hono's typed c.json
  // helpers cannot express.
  return new Response(body, { status: 200, headers })
}
