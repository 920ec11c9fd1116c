// A cheap fingerprint of everything stored: per table its row count, the summed length of every
// column, the sum of every numeric column and the latest of every *_at column. A refused request
// must leave it unchanged. One D1 batch, whatever the number of rows.
import { env } from 'cloudflare:test'

interface Column {
  name: string
  type: string
}

/**
 * Tables a refused request may write to by design: the audit log records every state-changing
 * call, refused ones with their status (worker/audit/middleware.ts), and nothing else.
 */
const WRITTEN_IN_BACKGROUND: string[] = ['audit_log']

const quoteId = (s: string) => `"${s.replace(/"/g, '""')}"`

export async function fingerprinter() {
  const { results: tables } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'
     ORDER BY name`,
  ).all<{ name: string }>()
  const watched = tables.filter((t) => !WRITTEN_IN_BACKGROUND.includes(t.name))
  const statements = await Promise.all(
    watched.map(async ({ name }) => {
      const { results: cols } = await env.DB.prepare('SELECT name, type FROM pragma_table_info(?)')
        .bind(name)
        .all<Column>()
      const parts = ['count(*)']
      for (const c of cols) {
        const col = quoteId(c.name)
        parts.push(`total(length(quote(${col})))`)
        if (/INT|REAL|NUM/i.test(c.type)) parts.push(`total(${col})`)
        if (c.name.endsWith('_at')) parts.push(`max(${col})`)
      }
      return env.DB.prepare(`SELECT '${name}' AS t, ${parts.join(', ')} FROM ${quoteId(name)}`)
    }),
  )
  return {
    tables: watched.map((t) => t.name),
    async take(): Promise<string[]> {
      const rows = await env.DB.batch(statements)
      return rows.map((r) => JSON.stringify(Object.values(r.results[0] ?? {})))
    },
  }
}

/** The tables whose fingerprint differs. */
export const changed = (before: string[], after: string[]) =>
  after.map((f, i) => (f === before[i] ? undefined : JSON.parse(f)[0])).filter(Boolean)
