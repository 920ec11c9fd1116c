// The manager API as the dashboard calls it: each operation (named as /openapi.json names it)
// with its path parameters, query, body and answer, all typed from the zod schemas the routes use
// (as types only: the browser carries no zod). `call()` fills and URL-encodes the path, so no
// page builds a URL by hand. test/worker/dashboard-endpoints.test.ts checks every operation here
// against the served OpenAPI document.
import type { z } from 'zod'
import type {
  ConnectionCreate,
  ConnectionCreated,
  ConnectionDetail,
  ConnectionEventList,
  ConnectionEventQuery,
  ConnectionList,
} from '../../schema/connection'
import type { AtRiskList, AtRiskQuery, CustomerAnswers, Erased } from '../../schema/customers'
import type {
  EmailPreview,
  EmailPreviewQuery,
  EmailSendDetail,
  EmailSendList,
  EmailSendListQuery,
  SuppressionCreate,
  SuppressionCreated,
  SuppressionList,
  SuppressionListQuery,
} from '../../schema/email-sends'
import type {
  InviteAccept,
  InviteView,
  Me,
  Member,
  MemberInviteCreate,
  MemberInviteCreated,
  MemberList,
  MemberUpdate,
  SignIn,
  UserSessionList,
} from '../../schema/accounts'
import type { Journeys, JourneysQuery } from '../../schema/journeys'
import type {
  Passkey,
  PasskeyCreationOptions,
  PasskeyList,
  PasskeyRegistration,
  PasskeyRequestOptions,
  PasskeySignIn,
} from '../../schema/passkeys'
import type { KeyCreate, KeyCreated, KeyList, Session, SessionCreate } from '../../schema/keys'
import type { Metrics, MetricsQuery } from '../../schema/metrics'
import type {
  Response,
  ResponseList,
  ResponseListQuery,
  ResponseManagerPatch,
} from '../../schema/response'
import type { Survey, SurveyCreate, SurveyList, SurveyPatch } from '../../schema/survey'
import type { Themes, ThemesQuery } from '../../schema/themes'
import type {
  DeliveryList,
  DeliveryListQuery,
  WebhookCreate,
  WebhookList,
  WebhookPatch,
  WebhookTestResult,
  WebhookWithSecret,
} from '../../schema/webhook'

import type {
  FollowUpDetail,
  FollowUpList,
  FollowUpListQuery,
  FollowUpPatch,
  FollowUpStats,
  FollowUpStatsQuery,
} from '../../schema/follow-up'
import type { AuditList, AuditQuery } from '../../schema/audit'
import type { ProjectPatch, ProjectSettings } from '../../schema/project'
import type {
  EmailProgram,
  EmailProgramCreate,
  EmailProgramList,
  EmailProgramPatch,
  EmailRule,
  EmailRuleCreate,
  EmailRuleList,
  EmailRulePatch,
} from '../../schema/email-triggers'
import type {
  EmailSchedule,
  EmailScheduleQuery,
  EmailStats,
  EmailStatsQuery,
} from '../../schema/email-stats'

import type { OidcPublic, OidcSettings, OidcSettingsPut } from '../../schema/oidc'

type Id = { id: string }
/** A query as sent: the schema's input keys, each a value qs() can write. */
type Query<T extends z.ZodType> = { [K in keyof z.input<T>]?: string | number | null }

export interface Endpoints {
  'GET /v1/sessions/current': { response: Session }
  'POST /v1/sessions': { body: SessionCreate; response: Session }
  'DELETE /v1/sessions/current': { response: void }
  'POST /v1/auth/sign-in': { body: SignIn; response: Me }
  'POST /v1/auth/sign-out': { response: void }
  'GET /v1/auth/me': { response: Me }
  'PUT /v1/auth/project': { body: { projectId: string }; response: Me }
  'GET /v1/auth/sessions': { response: UserSessionList }
  'DELETE /v1/auth/sessions/{id}': { params: Id; response: void }
  'GET /v1/auth/passkeys': { response: PasskeyList }
  'POST /v1/auth/passkeys/register/options': { response: PasskeyCreationOptions }
  'POST /v1/auth/passkeys/register': { body: PasskeyRegistration; response: Passkey }
  'DELETE /v1/auth/passkeys/{id}': { params: Id; response: void }
  'POST /v1/auth/passkeys/sign-in/options': { response: PasskeyRequestOptions }
  'POST /v1/auth/passkeys/sign-in': { body: PasskeySignIn; response: Me }
  'POST /v1/auth/invites/lookup': { body: { token: string }; response: InviteView }
  'POST /v1/auth/invites/accept': { body: z.input<typeof InviteAccept>; response: Me }
  'GET /v1/members': { response: MemberList }
  'POST /v1/members': { body: MemberInviteCreate; response: MemberInviteCreated }
  'PATCH /v1/members/{id}': { params: Id; body: MemberUpdate; response: Member }
  'DELETE /v1/members/{id}': { params: Id; response: void }
  'DELETE /v1/members/invites/{id}': { params: Id; response: void }
  'GET /v1/surveys': { response: z.infer<typeof SurveyList> }
  'POST /v1/surveys': { body: z.input<typeof SurveyCreate>; response: Survey }
  'GET /v1/surveys/{id}': { params: Id; response: Survey }
  'PATCH /v1/surveys/{id}': { params: Id; body: z.input<typeof SurveyPatch>; response: Survey }
  'DELETE /v1/surveys/{id}': { params: Id; response: void }
  'GET /v1/responses': { query: Query<typeof ResponseListQuery>; response: ResponseList }
  'GET /v1/responses/{id}': { params: Id; response: Response }
  'PATCH /v1/responses/{id}': { params: Id; body: ResponseManagerPatch; response: Response }
  'GET /v1/metrics': { query: Query<typeof MetricsQuery>; response: Metrics }
  'GET /v1/themes': { query: Query<typeof ThemesQuery>; response: Themes }
  'GET /v1/journeys': { query: Query<typeof JourneysQuery>; response: Journeys }
  'GET /v1/customers/at-risk': {
    query: Query<typeof AtRiskQuery>
    response: z.infer<typeof AtRiskList>
  }
  'GET /v1/customers/{customerId}': {
    params: { customerId: string }
    response: z.infer<typeof CustomerAnswers>
  }
  'DELETE /v1/customers/{customerId}': {
    params: { customerId: string }
    response: z.infer<typeof Erased>
  }
  'GET /v1/keys': { response: KeyList }
  'POST /v1/keys': { body: z.input<typeof KeyCreate>; response: KeyCreated }
  'DELETE /v1/keys/{id}': { params: Id; response: void }
  'GET /v1/webhooks': { response: z.infer<typeof WebhookList> }
  'POST /v1/webhooks': { body: z.input<typeof WebhookCreate>; response: WebhookWithSecret }
  'PATCH /v1/webhooks/{id}': { params: Id; body: z.input<typeof WebhookPatch>; response: unknown }
  'DELETE /v1/webhooks/{id}': { params: Id; response: void }
  'POST /v1/webhooks/{id}/test': { params: Id; response: z.infer<typeof WebhookTestResult> }
  'GET /v1/webhooks/{id}/deliveries': {
    params: Id
    query: Query<typeof DeliveryListQuery>
    response: z.infer<typeof DeliveryList>
  }
  'GET /v1/connections': { response: z.infer<typeof ConnectionList> }
  'POST /v1/connections': { body: ConnectionCreate; response: ConnectionCreated }
  'GET /v1/connections/{id}': { params: Id; response: z.infer<typeof ConnectionDetail> }
  'GET /v1/connections/{id}/events': {
    params: Id
    query: Query<typeof ConnectionEventQuery>
    response: z.infer<typeof ConnectionEventList>
  }
  'GET /v1/email/sends': { query: Query<typeof EmailSendListQuery>; response: EmailSendList }
  'GET /v1/email/sends/{id}': { params: Id; response: EmailSendDetail }
  'GET /v1/email/preview': { query: Query<typeof EmailPreviewQuery>; response: EmailPreview }
  'GET /v1/suppressions': {
    query: Query<typeof SuppressionListQuery>
    response: z.infer<typeof SuppressionList>
  }
  'POST /v1/suppressions': {
    body: z.input<typeof SuppressionCreate>
    response: z.infer<typeof SuppressionCreated>
  }
  'GET /v1/follow-ups': {
    query: Query<typeof FollowUpListQuery>
    response: z.infer<typeof FollowUpList>
  }
  'GET /v1/follow-ups/stats': { query: Query<typeof FollowUpStatsQuery>; response: FollowUpStats }
  'GET /v1/responses/{id}/follow-up': {
    params: Id
    response: z.infer<typeof FollowUpDetail>
  }
  'PATCH /v1/responses/{id}/follow-up': {
    params: Id
    body: FollowUpPatch
    response: z.infer<typeof FollowUpDetail>
  }
  'GET /v1/audit': { query: Query<typeof AuditQuery>; response: z.infer<typeof AuditList> }
  'GET /v1/email/rules': { response: z.infer<typeof EmailRuleList> }
  'POST /v1/email/rules': { body: z.input<typeof EmailRuleCreate>; response: EmailRule }
  'PATCH /v1/email/rules/{id}': {
    params: Id
    body: z.input<typeof EmailRulePatch>
    response: EmailRule
  }
  'DELETE /v1/email/rules/{id}': { params: Id; response: void }
  'GET /v1/email/programs': { response: z.infer<typeof EmailProgramList> }
  'POST /v1/email/programs': { body: z.input<typeof EmailProgramCreate>; response: EmailProgram }
  'PATCH /v1/email/programs/{id}': {
    params: Id
    body: z.input<typeof EmailProgramPatch>
    response: EmailProgram
  }
  'GET /v1/email/stats': { query: Query<typeof EmailStatsQuery>; response: EmailStats }
  'GET /v1/project': { response: ProjectSettings }
  'PATCH /v1/project': { body: ProjectPatch; response: ProjectSettings }
  'GET /v1/email/schedule': { query: Query<typeof EmailScheduleQuery>; response: EmailSchedule }
  'GET /v1/auth/oidc/{projectId}': { params: { projectId: string }; response: OidcPublic }
  'GET /v1/project/oidc': { response: OidcSettings }
  'PUT /v1/project/oidc': { body: OidcSettingsPut; response: OidcSettings }
  'DELETE /v1/project/oidc': { response: void }
}

export type Operation = keyof Endpoints

/** Every operation once, at run time (the test walks it against /openapi.json). */
export const OPERATIONS = {
  'GET /v1/auth/oidc/{projectId}': true,
  'GET /v1/project/oidc': true,
  'PUT /v1/project/oidc': true,
  'DELETE /v1/project/oidc': true,
  'GET /v1/sessions/current': true,
  'POST /v1/sessions': true,
  'DELETE /v1/sessions/current': true,
  'POST /v1/auth/sign-in': true,
  'POST /v1/auth/sign-out': true,
  'GET /v1/auth/me': true,
  'PUT /v1/auth/project': true,
  'GET /v1/auth/sessions': true,
  'DELETE /v1/auth/sessions/{id}': true,
  'GET /v1/auth/passkeys': true,
  'POST /v1/auth/passkeys/register/options': true,
  'POST /v1/auth/passkeys/register': true,
  'DELETE /v1/auth/passkeys/{id}': true,
  'POST /v1/auth/passkeys/sign-in/options': true,
  'POST /v1/auth/passkeys/sign-in': true,
  'POST /v1/auth/invites/lookup': true,
  'POST /v1/auth/invites/accept': true,
  'GET /v1/members': true,
  'POST /v1/members': true,
  'PATCH /v1/members/{id}': true,
  'DELETE /v1/members/{id}': true,
  'DELETE /v1/members/invites/{id}': true,
  'GET /v1/surveys': true,
  'POST /v1/surveys': true,
  'GET /v1/surveys/{id}': true,
  'PATCH /v1/surveys/{id}': true,
  'DELETE /v1/surveys/{id}': true,
  'GET /v1/responses': true,
  'GET /v1/responses/{id}': true,
  'PATCH /v1/responses/{id}': true,
  'GET /v1/metrics': true,
  'GET /v1/themes': true,
  'GET /v1/journeys': true,
  'GET /v1/customers/at-risk': true,
  'GET /v1/customers/{customerId}': true,
  'DELETE /v1/customers/{customerId}': true,
  'GET /v1/keys': true,
  'POST /v1/keys': true,
  'DELETE /v1/keys/{id}': true,
  'GET /v1/webhooks': true,
  'POST /v1/webhooks': true,
  'PATCH /v1/webhooks/{id}': true,
  'DELETE /v1/webhooks/{id}': true,
  'POST /v1/webhooks/{id}/test': true,
  'GET /v1/webhooks/{id}/deliveries': true,
  'GET /v1/connections': true,
  'POST /v1/connections': true,
  'GET /v1/connections/{id}': true,
  'GET /v1/connections/{id}/events': true,
  'GET /v1/email/sends': true,
  'GET /v1/email/sends/{id}': true,
  'GET /v1/email/preview': true,
  'GET /v1/suppressions': true,
  'POST /v1/suppressions': true,
  'GET /v1/follow-ups': true,
  'GET /v1/follow-ups/stats': true,
  'GET /v1/responses/{id}/follow-up': true,
  'PATCH /v1/responses/{id}/follow-up': true,
  'GET /v1/audit': true,
  'GET /v1/email/rules': true,
  'POST /v1/email/rules': true,
  'PATCH /v1/email/rules/{id}': true,
  'DELETE /v1/email/rules/{id}': true,
  'GET /v1/email/programs': true,
  'POST /v1/email/programs': true,
  'PATCH /v1/email/programs/{id}': true,
  'GET /v1/email/stats': true,
  'GET /v1/project': true,
  'PATCH /v1/project': true,
  'GET /v1/email/schedule': true,
} as const satisfies Record<Operation, true>

/** What a call sends besides the operation: its params, query and body, as the operation has them. */
export type Request<K extends Operation> = Omit<Endpoints[K], 'response'>
export type Answer<K extends Operation> = Endpoints[K]['response']

/** The path of an operation with its parameters filled in, each URL-encoded. */
export function pathOf(op: Operation, params: Record<string, string> = {}): string {
  const template = op.slice(op.indexOf(' ') + 1)
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${op} needs ${name}`)
    return encodeURIComponent(value)
  })
}
