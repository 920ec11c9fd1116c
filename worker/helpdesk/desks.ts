// Every help desk Kundepuls connects to, by its connection kind. Adding a desk is one module
// (worker/helpdesk/<desk>.ts exporting a DeskAdapter) and one line here.
import type { ConnectionKind } from '../../schema/constants'
import type { DeskAdapter } from './adapter'
import { freshdeskDesk } from './freshdesk'
import { helpscoutDesk } from './helpscout'
import { zendeskDesk } from './zendesk'

export const DESKS = {
  zendesk: zendeskDesk,
  freshdesk: freshdeskDesk,
  helpscout: helpscoutDesk,
} satisfies { [K in ConnectionKind]: DeskAdapter<K> }
