// CSV as RFC 4180 says (CRLF, quotes doubled, header row), made safe to open in a spreadsheet.

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** One field: formula triggers neutralised with a leading ', then quoted when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  if (FORMULA_START.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvLine = (cells: readonly unknown[]) => `${cells.map(csvCell).join(',')}\r\n`

/**
 * A CSV body that pulls its rows page by page, so a large export never sits in memory whole.
 * `nextPage(cursor)` returns rows and the cursor of the following page (null at the end).
 */
export function csvStream<T, C>(
  header: readonly string[],
  toCells: (row: T) => unknown[],
  nextPage: (cursor: C | undefined) => Promise<{ rows: T[]; next: C | null }>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let cursor: C | undefined
  let started = false
  return new ReadableStream<Uint8Array>({
    // Each pull must enqueue or close: a pull that does neither leaves the reader waiting forever.
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode(csvLine(header)))
        return
      }
      for (;;) {
        const page = await nextPage(cursor)
        if (page.next !== null) cursor = page.next
        if (page.rows.length)
          controller.enqueue(encoder.encode(page.rows.map((r) => csvLine(toCells(r))).join('')))
        if (page.next === null) return controller.close()
        if (page.rows.length) return
      }
    },
  })
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a BOM) into rows of fields.
 * Returns undefined for an unterminated quote. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] | undefined {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRow = () => {
    row.push(field)
    if (row.length > 1 || row[0] !== '') rows.push(row)
    row = []
    field = ''
  }
  for (; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n') endRow()
    else if (ch !== '\r') field += ch
  }
  if (quoted) return undefined
  if (field !== '' || row.length) endRow()
  return rows
}
