// The steps a support lead follows in the help desk, with this connection's URLs filled in.
import type { ConnectionSetup } from '../../schema/connection'
import type { ConnectionKind } from '../../schema/constants'
import { HEADERS } from './inbound'

/** The Zendesk trigger body (issue 11); Kundepuls reads the rest through the API. */
export const ZENDESK_TRIGGER_BODY = JSON.stringify({
  ticketId: '{{ticket.id}}',
  requesterId: '{{ticket.requester.id}}',
  email: '{{ticket.requester.email}}',
  tags: '{{ticket.tags}}',
  status: '{{ticket.status}}',
  via: '{{ticket.via}}',
})

export const FRESHDESK_WEBHOOK_BODY = JSON.stringify({
  ticketId: '{{ticket.id}}',
  email: '{{ticket.contact.email}}',
  tags: '{{ticket.tags}}',
  status: '{{ticket.status}}',
})

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
  switch (s.kind) {
    case 'zendesk':
      return {
        steps: [
          'Admin Center → Apps and integrations → APIs → Zendesk API → Settings: turn on "Token access", then "Add API token"; use it with an agent\'s email as credentials {email, apiToken}.',
          `Admin Center → Apps and integrations → Actions and webhooks → Webhooks → "Create webhook" → "Trigger or automation". Endpoint URL: ${s.inboundUrl} · Request method: POST · Request format: JSON · Authentication: None. Create it.`,
          `On the webhook's page, "Signing secret" → "Reveal secret", and send it to Kundepuls: curl -X PATCH ${s.apiOrigin}/v1/connections/${s.id} -H "Authorization: Bearer $KUNDEPULS_SECRET_KEY" -H "Content-Type: application/json" -d '{"signingSecret": "…"}'. Until then, calls are refused (401).`,
          'Admin Center → Objects and rules → Business rules → Triggers → "Add trigger". Conditions (Meet ALL): Ticket › Ticket status | Changed to | Solved. Actions: Notify by › Active webhook → the webhook above, with the JSON body below.',
          "Turn off Zendesk's own satisfaction survey for these tickets (Admin Center → People → Configuration → End users), so that customers are not asked twice.",
        ],
        triggerBody: ZENDESK_TRIGGER_BODY,
      }
    case 'freshdesk':
      return {
        steps: [
          'Profile picture → Profile settings → "View API Key": use an agent\'s key as credentials {apiKey}.',
          'Admin → Workflows → Automations → "Ticket Updates" → "New rule". When an action performed by: Agent or Requester. Involves any of these events: Status is changed from Any Status to Resolved.',
          `Perform these actions: "Trigger webhook". Request type: POST · URL: ${s.inboundUrl} · Requires authentication: No · Add custom headers: ${HEADERS.freshdeskSecret}: ${secret} · Encoding: JSON · Content: Advanced, with the body below. Save and enable the rule.`,
          "Turn off Freshdesk's own satisfaction survey for these tickets (Admin → Workflows → Customer satisfaction).",
        ],
        triggerBody: FRESHDESK_WEBHOOK_BODY,
      }
    case 'helpscout':
      return {
        steps: [
          'Your Profile → My Apps → "Create My App" (any redirection URL): use its App ID and App Secret as credentials {appId, appSecret}. The app acts as your user, who must have access to the mailbox.',
          `Manage → Apps → Webhooks → Install. Secret Key: ${secret} · Callback URL: ${s.inboundUrl} · Events: Conversation "Status Updated" (convo.status) only. Save.`,
          'Kundepuls replies when a conversation is closed; its reply keeps the conversation closed.',
          "Turn off Help Scout's satisfaction ratings for this mailbox if they are on, so that customers are not asked twice.",
        ],
      }
  }
}
