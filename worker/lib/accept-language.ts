// The languages a request asks for (RFC 9110 §12.5.4 Accept-Language), for the pages and the
// widget loader to pick a locale from (schema/i18n.ts resolveLocale).

/** Accept-Language's tags, best first (equal weights keep their order; q=0 means "not"). */
export function acceptLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.split(';').map((s) => s.trim())
      const q = params.find((p) => p.startsWith('q='))
      return { tag, q: q ? Number(q.slice(2)) : 1, i }
    })
    .filter((t) => t.tag && t.tag !== '*' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((t) => t.tag)
}
