// Queries on password_resets (0015_accounts.sql): single-use, expiring links.
import { getDb } from './client'
import type { PasswordResetRow } from './types'

export async function insertPasswordReset(d1: D1Database, row: PasswordResetRow) {
  await getDb(d1).insertInto('password_resets').values(row).execute()
}

/**
 * Marks a live link used and returns its user, in one statement: of two uses racing, only one
 * gets the row back. Nothing when the link is unknown, used or expired.
 */
export async function consumePasswordReset(d1: D1Database, hash: string, now: string) {
  return getDb(d1)
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id'])
    .executeTakeFirst()
}
