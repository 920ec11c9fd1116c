// The reference page's groups: every operation gets the tag of the first rule its path starts
// with, so /docs lists areas (not one "default" group) and a new route is grouped by its path
// without its file having to say so. Order here is the order on the page.
export const DOC_TAGS = [
  {
    prefix: '/v1/public/',
    name: 'Widget (public)',
    description:
      'What the widget calls: survey config, answers, impressions. No key; CORS; rate limited per address.',
  },
  { prefix: '/widget.js', name: 'Widget (public)' },
  {
    prefix: '/s/',
    name: 'Hosted survey page',
    description:
      'The signed survey link a customer opens; works without JavaScript and records nothing on open.',
  },
  {
    prefix: '/v1/surveys',
    name: 'Surveys',
    description:
      'Survey configuration: kind, texts per locale, follow-up prompts, throttle, sampling, trigger.',
  },
  {
    prefix: '/v1/responses',
    name: 'Responses',
    description: 'Answers: list and filter, CSV export, import, closed-loop follow-up.',
  },
  {
    prefix: '/v1/follow-ups',
    name: 'Closed loop',
    description:
      'Follow-ups of negative answers: owners, deadlines, states, escalation, re-ask, and the figures.',
  },
  {
    prefix: '/v1/audit',
    name: 'Audit log',
    description: 'Who did what and when: every state-changing call, sign-ins; CSV export.',
  },
  {
    prefix: '/v1/metrics',
    name: 'Insights',
    description:
      'NPS, CES and CSAT with their uncertainty, change against a previous period, themes, journeys.',
  },
  { prefix: '/v1/themes', name: 'Insights' },
  { prefix: '/v1/journeys', name: 'Insights' },
  {
    prefix: '/v1/customers',
    name: 'Customers',
    description: 'At-risk customers and erasure (GDPR).',
  },
  {
    prefix: '/v1/invitations',
    name: 'Invitations',
    description: 'Signed survey links and email snippets for support tools.',
  },
  {
    prefix: '/v1/webhooks',
    name: 'Webhooks',
    description: 'Standard Webhooks and Slack alerts, their secrets and delivery log.',
  },
  {
    prefix: '/v1/connections',
    name: 'Help desks',
    description: 'Zendesk, Freshdesk and Help Scout connectors and their event logs.',
  },
  { prefix: '/v1/inbound/', name: 'Help desks' },
  {
    prefix: '/v1/email',
    name: 'Email',
    description:
      'Survey emails: event rules, people and relationship programs that schedule them, the sends with their state, the preview, suppressions, unsubscribe, and figures.',
  },
  { prefix: '/v1/suppressions', name: 'Email' },
  { prefix: '/u/', name: 'Email' },
  { prefix: '/v1/events', name: 'Email' },
  { prefix: '/v1/people', name: 'Email' },
  {
    prefix: '/v1/project/oidc',
    name: 'Single sign-on',
    description: "A project's OpenID Connect provider (owners and admins), and signing in with it.",
  },
  { prefix: '/v1/auth/oidc', name: 'Single sign-on' },
  {
    prefix: '/v1/project',
    name: 'Project and keys',
    description: 'Tenants (admin token), project settings and API keys.',
  },
  { prefix: '/v1/keys', name: 'Project and keys' },
  { prefix: '/v1/sessions', name: 'Sessions', description: 'Signing in to the dashboard.' },
  {
    prefix: '/v1/auth',
    name: 'Accounts',
    description:
      'People signing in as themselves: password or passkey, sessions, reset, invitations.',
  },
  {
    prefix: '/v1/members',
    name: 'Members',
    description: 'Who belongs to the project, with which role; invitations.',
  },
  { prefix: '/health', name: 'Health', description: 'Liveness.' },
] as const satisfies readonly { prefix: string; name: string; description?: string }[]

/** The tag of a path; a path no rule names is grouped under its first segment. */
export function tagOf(path: string): string {
  const rule = DOC_TAGS.find((t) => path.startsWith(t.prefix))
  if (rule) return rule.name
  const segment = path.split('/').find((s) => s && s !== 'v1') ?? 'Other'
  return segment.charAt(0).toUpperCase() + segment.slice(1)
}

/** The document's top-level `tags`: each group once, in page order, with its description. */
export const docTags = () =>
  DOC_TAGS.flatMap((t) =>
    'description' in t ? [{ name: t.name, description: t.description }] : [],
  )
