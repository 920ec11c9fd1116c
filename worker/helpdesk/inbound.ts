// Inbound calls from help desks: the signature (or shared secret) check, done before anything
// else, and the reading of what was signed. Each desk's way of doing both is in its adapter
// (worker/helpdesk/desks.ts); what is common to all of them is here.
import type { ConnectionKind } from '../../schema/constants'
import type { Header, InboundCall, Verified } from './adapter'
import { DESKS } from './desks'

export type { InboundCall, Verified } from './adapter'

/**
 * Checks the call against the connection's secret. `digest` names what was signed, so a replay
 * of the same delivery is recognised.
 */
export async function verifyInbound(
  kind: ConnectionKind,
  secret: string | null,
  header: Header,
  raw: string,
  now: Date,
): Promise<Verified> {
  if (!secret) return { ok: false, why: 'the connection has no signing secret yet' }
  return DESKS[kind].verify(secret, header, raw, now)
}

/** Reads a verified call: which ticket, and what the call already tells about it. */
export function readInbound(kind: ConnectionKind, raw: string, header: Header): InboundCall {
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return { type: 'invalid', detail: 'the body is not JSON' }
  }
  return DESKS[kind].read(body, header)
}
