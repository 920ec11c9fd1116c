// A small History-API router: every page has its own URL under /app, so links can be shared and
// the back button works. Query parameters carry the page state (survey, range, filters).
import { useEffect, useState } from 'preact/hooks'

export const BASE = '/app'

export interface Location {
  /** Path below /app, e.g. "/inbox" or "/customers/cus_1"; "/" for /app itself. */
  path: string
  query: URLSearchParams
}

const read = (): Location => ({
  path: location.pathname.slice(BASE.length).replace(/\/$/, '') || '/',
  query: new URLSearchParams(location.search),
})

const listeners = new Set<() => void>()
addEventListener('popstate', () => listeners.forEach((l) => l()))

export function navigate(to: string, { replace = false } = {}) {
  const url = to.startsWith(BASE) ? to : BASE + to
  if (url === location.pathname + location.search) return
  history[replace ? 'replaceState' : 'pushState'](null, '', url)
  listeners.forEach((l) => l())
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read)
  useEffect(() => {
    const update = () => setLoc(read())
    listeners.add(update)
    return () => void listeners.delete(update)
  }, [])
  return loc
}

/** The current query with some parameters changed (undefined or '' removes one). */
export function withQuery(query: URLSearchParams, changes: Record<string, string | undefined>) {
  const q = new URLSearchParams(query)
  for (const [k, v] of Object.entries(changes)) v ? q.set(k, v) : q.delete(k)
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** Matches "/customers/:id" against a path; the params, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/')
  const s = path.split('/')
  if (p.length !== s.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i])
    else if (p[i] !== s[i]) return null
  }
  return params
}

/** Same-origin link clicks under /app navigate without a reload (modifier clicks open tabs). */
export function interceptLinks(e: MouseEvent) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
    return
  const a = (e.target as Element | null)?.closest?.('a')
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return
  if (!a.pathname.startsWith(BASE)) return
  e.preventDefault()
  navigate(a.pathname + a.search)
}
