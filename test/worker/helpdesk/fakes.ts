// Contract-faithful fakes of the three help desks' APIs, as fetch functions: the paths, methods,
// auth headers, request bodies and error answers their documentation specifies, and nothing
// more. A request they do not know is a 404, wrong auth a 401, a bad body the desk's 4xx.
// Each records every request; `failNext` makes the next matching call fail (429, 5xx, …), and
// `loseNextAnswer` applies the next write but answers 500 (an answer lost on the way back).
//  Zendesk  https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/
//  Freshdesk https://developers.freshdesk.com/api/
//  Help Scout https://developer.helpscout.com/mailbox-api/
import { vi } from 'vitest'

export interface Seen {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
  body: string
}

type Handler = (m: RegExpMatchArray, r: Seen) => Response
interface Route {
  method: string
  path: RegExp
  handler: Handler
  write?: boolean
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

function fakeServer(origin: string, routes: Route[], authorized: (r: Seen) => Response | null) {
  const requests: Seen[] = []
  const failures: { path: RegExp; response: () => Response }[] = []
  let loseNext = false
  const fetch = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input)
    const seen: Seen = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : '',
    }
    requests.push(seen)
    if (url.origin !== origin) return json(404, { error: 'unknown host' })
    const i = failures.findIndex((f) => f.path.test(`${seen.method} ${seen.path}`))
    if (i >= 0) return failures.splice(i, 1)[0].response()
    const denied = authorized(seen)
    if (denied) return denied
    for (const r of routes) {
      const m = r.method === seen.method ? seen.path.match(r.path) : null
      if (!m) continue
      const res = r.handler(m, seen)
      if (r.write && loseNext && res.ok) {
        loseNext = false
        return json(500, { error: 'lost' })
      }
      return res
    }
    return json(404, { error: 'no such route' })
  })
  return {
    fetch,
    requests,
    /** The next call whose "METHOD /path" matches answers this instead. */
    failNext(path: RegExp, response: () => Response) {
      failures.push({ path, response })
    },
    loseNextAnswer() {
      loseNext = true
    },
    calls: (method: string, path: RegExp) =>
      requests.filter((r) => r.method === method && path.test(r.path)),
  }
}

const basicOf = (h: string | undefined) => {
  const m = h?.match(/^Basic (.+)$/)
  return m ? atob(m[1]) : undefined
}

function bodyOf(r: Seen): any {
  try {
    return JSON.parse(r.body)
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------- Zendesk

export interface ZendeskTicket {
  id: number
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted'
  tags: string[]
  requester_id: number
  assignee_id?: number | null
  group_id?: number | null
  via?: { channel: string }
}
export interface ZendeskUser {
  id: number
  role: 'end-user' | 'agent' | 'admin'
  email: string | null
  locale: string
  suspended?: boolean
}

export function fakeZendesk(
  origin = 'https://acme.zendesk.com',
  creds = { email: 'agent@acme.example', apiToken: 'zd-token-123' },
) {
  const tickets = new Map<number, ZendeskTicket>()
  const users = new Map<number, ZendeskUser>()
  const comments = new Map<number, { id: number; html_body: string; public: boolean }[]>()
  let nextComment = 1000
  const expected = `${creds.email}/token:${creds.apiToken}`
  const notFound = () => json(404, { error: 'RecordNotFound', description: 'Not found' })
  const server = fakeServer(
    origin,
    [
      {
        method: 'GET',
        path: /^\/api\/v2\/tickets\/(\d+)\.json$/,
        handler: (m, r) => {
          const t = tickets.get(Number(m[1]))
          if (!t || t.status === 'deleted') return notFound()
          const sideload = r.query.get('include') === 'users'
          const u = users.get(t.requester_id)
          return json(200, { ticket: t, ...(sideload && { users: u ? [u] : [] }) })
        },
      },
      {
        method: 'GET',
        path: /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/,
        handler: (m) => {
          if (!tickets.has(Number(m[1]))) return notFound()
          return json(200, { comments: [...(comments.get(Number(m[1])) ?? [])].reverse() })
        },
      },
      {
        method: 'PUT',
        path: /^\/api\/v2\/tickets\/(\d+)\.json$/,
        write: true,
        handler: (m, r) => {
          const t = tickets.get(Number(m[1]))
          if (!t || t.status === 'deleted') return notFound()
          if (r.headers['content-type'] !== 'application/json')
            return json(415, { error: 'Unsupported Media Type' })
          const c = bodyOf(r)?.ticket?.comment
          if (typeof c?.html_body !== 'string' || typeof c.public !== 'boolean')
            return json(422, { error: 'RecordInvalid', description: 'Record validation errors' })
          if (t.status === 'closed')
            return json(422, {
              error: 'RecordInvalid',
              description: 'Record validation errors',
              details: { status: [{ description: 'Status: closed prevents ticket update' }] },
            })
          const list = comments.get(t.id) ?? []
          list.push({ id: nextComment++, html_body: c.html_body, public: c.public })
          comments.set(t.id, list)
          return json(200, { ticket: t, audit: { ticket_id: t.id } })
        },
      },
    ],
    (r) =>
      basicOf(r.headers.authorization) === expected
        ? null
        : json(401, { error: "Couldn't authenticate you" }),
  )
  return {
    ...server,
    origin,
    creds,
    tickets,
    users,
    comments,
    ticket(t: Partial<ZendeskTicket> & { id: number }, u: Partial<ZendeskUser> = {}) {
      const user: ZendeskUser = {
        id: t.requester_id ?? 500 + t.id,
        role: 'end-user',
        email: `customer${t.id}@example.com`,
        locale: 'en-US',
        ...u,
      }
      users.set(user.id, user)
      tickets.set(t.id, {
        status: 'solved',
        tags: [],
        requester_id: user.id,
        group_id: 360001,
        assignee_id: 9001,
        via: { channel: 'email' },
        ...t,
      })
    },
  }
}

// ---------------------------------------------------------------- Freshdesk

export interface FreshdeskTicket {
  id: number
  status: 2 | 3 | 4 | 5
  spam?: boolean
  deleted?: boolean
  source?: number
  tags: string[]
  requester_id: number
  responder_id?: number | null
  group_id?: number | null
}

export function fakeFreshdesk(origin = 'https://acme.freshdesk.com', apiKey = 'fd-key-abc') {
  const tickets = new Map<number, FreshdeskTicket>()
  const contacts = new Map<number, { id: number; email: string | null; language: string }>()
  const agents = new Set<number>()
  const conversations = new Map<number, { id: number; body: string }[]>()
  let nextId = 1
  const server = fakeServer(
    origin,
    [
      {
        method: 'GET',
        path: /^\/api\/v2\/tickets\/(\d+)$/,
        handler: (m, r) => {
          const t = tickets.get(Number(m[1]))
          if (!t) return new Response(null, { status: 404 })
          const c = contacts.get(t.requester_id)
          const withRequester = r.query.get('include') === 'requester'
          return json(200, {
            ...t,
            ...(withRequester && { requester: { id: t.requester_id, email: c?.email ?? null } }),
          })
        },
      },
      {
        method: 'GET',
        path: /^\/api\/v2\/agents\/(\d+)$/,
        handler: (m) =>
          agents.has(Number(m[1]))
            ? json(200, { id: Number(m[1]), contact: {} })
            : new Response(null, { status: 404 }),
      },
      {
        method: 'GET',
        path: /^\/api\/v2\/contacts\/(\d+)$/,
        handler: (m) => {
          const c = contacts.get(Number(m[1]))
          return c ? json(200, c) : new Response(null, { status: 404 })
        },
      },
      {
        method: 'GET',
        path: /^\/api\/v2\/tickets\/(\d+)\/conversations$/,
        handler: (m) => json(200, conversations.get(Number(m[1])) ?? []),
      },
      {
        method: 'POST',
        path: /^\/api\/v2\/tickets\/(\d+)\/reply$/,
        write: true,
        handler: (m, r) => {
          const t = tickets.get(Number(m[1]))
          if (!t) return new Response(null, { status: 404 })
          const body = bodyOf(r)?.body
          if (typeof body !== 'string' || !body)
            return json(400, {
              description: 'Validation failed',
              errors: [
                {
                  field: 'body',
                  message: 'It should not be blank as this is a mandatory field',
                  code: 'missing_field',
                },
              ],
            })
          const conv = { id: nextId++, body }
          conversations.set(t.id, [...(conversations.get(t.id) ?? []), conv])
          return json(201, { ...conv, ticket_id: t.id })
        },
      },
    ],
    (r) =>
      basicOf(r.headers.authorization) === `${apiKey}:X`
        ? null
        : json(401, {
            code: 'invalid_credentials',
            message: 'You have to be logged in to perform this action.',
          }),
  )
  return {
    ...server,
    origin,
    apiKey,
    tickets,
    contacts,
    agents,
    conversations,
    ticket(t: Partial<FreshdeskTicket> & { id: number }, language = 'da') {
      const requester = t.requester_id ?? 700 + t.id
      contacts.set(requester, { id: requester, email: `kunde${t.id}@example.dk`, language })
      tickets.set(t.id, {
        status: 4,
        tags: [],
        source: 1,
        group_id: 11,
        responder_id: 22,
        ...t,
        requester_id: requester,
      })
    },
  }
}

// ---------------------------------------------------------------- Help Scout

export interface HelpScoutConversation {
  id: number
  status: 'active' | 'pending' | 'closed' | 'spam'
  state: 'published' | 'draft' | 'deleted'
  mailboxId: number
  tags: { id: number; tag: string }[]
  primaryCustomer: { id: number; email: string | null }
  assignee?: { id: number } | null
  source?: { type: string }
  /** Merged into another conversation: GET answers 301 to it. */
  mergedInto?: number
}

export function fakeHelpScout(
  origin = 'https://api.helpscout.net',
  creds = { appId: 'hs-app-id', appSecret: 'hs-app-secret' },
) {
  const conversations = new Map<number, HelpScoutConversation>()
  const threads = new Map<number, { id: number; type: string; body: string }[]>()
  const users = new Set<string>()
  const tokens = new Set<string>()
  let issued = 0
  let nextThread = 1
  const tokenRoute: Route = {
    method: 'POST',
    path: /^\/v2\/oauth2\/token$/,
    handler: (_m, r) => {
      // "You can choose to send data as JSON, form or query params … with the appropriate Content-Type."
      const ct = r.headers['content-type'] ?? ''
      const p = ct.startsWith('application/json')
        ? bodyOf(r)
        : ct.startsWith('application/x-www-form-urlencoded')
          ? Object.fromEntries(new URLSearchParams(r.body))
          : undefined
      if (p?.grant_type !== 'client_credentials')
        return json(400, { error: 'unsupported_grant_type' })
      if (p.client_id !== creds.appId || p.client_secret !== creds.appSecret)
        return json(401, { error: 'invalid_client' })
      const token = `hs-token-${++issued}`
      tokens.add(token)
      return json(200, { token_type: 'bearer', access_token: token, expires_in: 172800 })
    },
  }
  const get = (id: number) => conversations.get(id)
  const server = fakeServer(
    origin,
    [
      tokenRoute,
      {
        method: 'GET',
        path: /^\/v2\/conversations\/(\d+)$/,
        handler: (m) => {
          const c = get(Number(m[1]))
          if (!c) return new Response(null, { status: 404 })
          if (c.mergedInto)
            return new Response(null, {
              status: 301,
              headers: { location: `${origin}/v2/conversations/${c.mergedInto}` },
            })
          return json(200, c)
        },
      },
      {
        method: 'GET',
        path: /^\/v2\/users$/,
        handler: (_m, r) => {
          const email = r.query.get('email')
          const found = email && users.has(email) ? [{ id: 1, email }] : []
          return json(200, { _embedded: { users: found }, page: { totalElements: found.length } })
        },
      },
      {
        method: 'GET',
        path: /^\/v2\/conversations\/(\d+)\/threads$/,
        handler: (m) =>
          get(Number(m[1]))
            ? json(200, {
                _embedded: { threads: [...(threads.get(Number(m[1])) ?? [])].reverse() },
              })
            : new Response(null, { status: 404 }),
      },
      {
        method: 'POST',
        path: /^\/v2\/conversations\/(\d+)\/reply$/,
        write: true,
        handler: (m, r) => {
          const c = get(Number(m[1]))
          if (!c) return new Response(null, { status: 404 })
          const b = bodyOf(r)
          if (typeof b?.customer?.id !== 'number' || typeof b.text !== 'string')
            return json(400, {
              message: 'Bad request',
              _embedded: { errors: [{ path: 'customer', message: 'may not be null' }] },
            })
          const t = { id: nextThread++, type: 'reply', body: b.text }
          threads.set(c.id, [...(threads.get(c.id) ?? []), t])
          // "If not explicitly set, a reply thread will reactivate the conversation."
          c.status = b.status ?? 'active'
          return new Response(null, { status: 201, headers: { 'resource-id': String(t.id) } })
        },
      },
    ],
    (r) => {
      if (r.path === '/v2/oauth2/token') return null
      const m = r.headers.authorization?.match(/^Bearer (.+)$/)
      return m && tokens.has(m[1]) ? null : json(401, { error: 'invalid_token' })
    },
  )
  return {
    ...server,
    origin,
    creds,
    conversations,
    threads,
    users,
    /** Revokes every token issued so far (as an expiry would). */
    expireTokens: () => tokens.clear(),
    conversation(c: Partial<HelpScoutConversation> & { id: number }) {
      conversations.set(c.id, {
        status: 'closed',
        state: 'published',
        mailboxId: 42,
        tags: [],
        primaryCustomer: { id: 800 + c.id, email: `client${c.id}@example.com` },
        assignee: { id: 7 },
        source: { type: 'email' },
        ...c,
      })
    },
  }
}
