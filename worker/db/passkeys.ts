// Queries on passkeys and passkey_challenges (0021_passkeys.sql): control database.
import type { PasskeyPurpose } from '../../schema/passkeys'
import { getDb } from './client'
import type { PasskeyChallengeRow, PasskeyRow } from './types'

/** Stores a new passkey; false when its credential is registered already (one statement, so two
 * registrations of one authenticator racing each other store one row and fail no constraint). */
export async function insertPasskey(d1: D1Database, row: PasskeyRow) {
  const r = await getDb(d1)
    .insertInto('passkeys')
    .values(row)
    .onConflict((oc) => oc.column('credential_id').doNothing())
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
}

/** A person's passkeys, newest first (bounded by PASSKEYS_PER_USER at registration). */
export async function listPasskeys(d1: D1Database, userId: string) {
  return getDb(d1)
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute()
}

export async function findPasskeyByCredential(d1: D1Database, credentialId: string) {
  return getDb(d1)
    .selectFrom('passkeys')
    .selectAll()
    .where('credential_id', '=', credentialId)
    .executeTakeFirst()
}

/** Records a verified use; the counter only moves forward (the verifier refused a lower one). */
export async function touchPasskey(d1: D1Database, id: string, counter: number, at: string) {
  await getDb(d1)
    .updateTable('passkeys')
    .set({ counter, last_used_at: at })
    .where('id', '=', id)
    .execute()
}

/** Removes one of a person's passkeys by its public id; rows deleted (0: not theirs or gone). */
export async function deletePasskey(d1: D1Database, userId: string, id: string) {
  const r = await getDb(d1)
    .deleteFrom('passkeys')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

export async function insertPasskeyChallenge(d1: D1Database, row: PasskeyChallengeRow) {
  await getDb(d1).insertInto('passkey_challenges').values(row).execute()
}

/**
 * Uses a challenge up: one statement deletes it and says whether it was there, live and for this
 * purpose, so two answers racing with the same challenge cannot both pass.
 */
export async function consumePasskeyChallenge(
  d1: D1Database,
  hash: string,
  purpose: PasskeyPurpose,
  now: string,
) {
  const row = await getDb(d1)
    .deleteFrom('passkey_challenges')
    .where('hash', '=', hash)
    .returningAll()
    .executeTakeFirst()
  if (!row || row.purpose !== purpose || row.expires_at <= now) return undefined
  return row
}

export async function deleteExpiredPasskeyChallenges(d1: D1Database, now: string) {
  const r = await getDb(d1)
    .deleteFrom('passkey_challenges')
    .where('expires_at', '<=', now)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
