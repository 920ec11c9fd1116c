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

export function decodeCursor(cursor: string): CursorKey {
  try {
    const [createdAt, id] = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id }
  } catch {
    // fall through to the 400 below
  }
  throw validationError([{ path: 'query.cursor', message: 'not a cursor this API returned' }])
}
