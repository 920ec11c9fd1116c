// Opaque pagination cursors: base64url of the last row's sort key.
import { validationError } from './problem'

export interface CursorKey {
  createdAt: string
  id: string
}

export function encodeCursor(key: CursorKey): string {
  return btoa(JSON.stringify([key.createdAt, key.id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/**
 * One page of a list read newest first with `limit + 1` rows (the extra row only says that more
 * follow): the page's rows, and the cursor after its last row when more follow (else null).
 */
export function paginate<R>(rows: readonly R[], limit: number, keyOf: (row: R) => CursorKey) {
  const page = rows.slice(0, limit)
  const more = rows.length > limit
  const last = page.at(-1)
  return { rows: page, more, nextCursor: more && last ? encodeCursor(keyOf(last)) : null }
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const [createdAt, id] = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id }
  } catch {
    // fall through to the 400 below
  }
  throw validationError([{ path: 'query.cursor', message: 'not a cursor this API returned' }])
}
