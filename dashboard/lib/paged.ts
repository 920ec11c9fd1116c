// A list of answers read page by page with the API's cursor ("Load more").
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Response } from '../../schema/response'
import { call } from './api'

export interface Paged {
  rows: Response[]
  more: boolean
  loading: boolean
  error: Error | undefined
  loadMore: () => void
  /** Replaces or drops one row after a change (null drops it). */
  update: (id: string, row: Response | null) => void
}

export function usePagedResponses(
  filter: Record<string, string | undefined> | null,
  pageSize = 50,
): Paged {
  const [rows, setRows] = useState<Response[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<Error>()
  const key = JSON.stringify(filter)
  const seq = useRef(0)
  const load = async (after: string | null, replace: boolean) => {
    if (!filter) return
    const mine = ++seq.current
    setLoading(true)
    try {
      const page = await call('GET /v1/responses', {
        query: { ...filter, limit: pageSize, cursor: after },
      })
      if (mine !== seq.current) return
      setRows((r) => (replace ? page.data : [...r, ...page.data]))
      setCursor(page.nextCursor)
      setError(undefined)
    } catch (e) {
      if (mine === seq.current) setError(e instanceof Error ? e : new Error(String(e)))
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }
  useEffect(() => {
    setRows([])
    setCursor(null)
    void load(null, true)
  }, [key])
  return {
    rows,
    more: cursor !== null,
    loading,
    error,
    loadMore: () => void load(cursor, false),
    update: (id, row) =>
      setRows((rs) =>
        row ? rs.map((r) => (r.id === id ? row : r)) : rs.filter((r) => r.id !== id),
      ),
  }
}
