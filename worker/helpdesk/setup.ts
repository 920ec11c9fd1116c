// The steps a support lead follows in the help desk, with this connection's URLs filled in; each
// desk's text is in its adapter (worker/helpdesk/desks.ts).
import type { ConnectionSetup } from '../../schema/connection'
import type { ConnectionKind } from '../../schema/constants'
import { DESKS } from './desks'

export interface SetupInput {
  kind: ConnectionKind
  id: string
  inboundUrl: string
  apiOrigin: string
  /** Freshdesk and Help Scout: the secret just made (shown once); undefined afterwards. */
  inboundSecret?: string
}

export function setupFor(s: SetupInput): ConnectionSetup {
  const secret = s.inboundSecret ?? '(the inboundSecret shown when the connection was created)'
  return DESKS[s.kind].setup({ id: s.id, inboundUrl: s.inboundUrl, apiOrigin: s.apiOrigin, secret })
}
