// The project's people: members with their roles (change, remove), pending invitations (revoke),
// and a form to invite someone by email. The link is shown to copy when no mailer sent it.
import { useState } from 'preact/hooks'
import type { Member, MemberInviteCreated } from '../../schema/accounts'
import type { Role } from '../../schema/roles'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { asError } from '../lib/errors'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { ROLE_LABEL } from '../ui/AcceptInvite'

/** The roles in order, from the label map (schema/roles.ts carries zod, which the browser must not). */
const ROLES = Object.keys(ROLE_LABEL) as Role[]
import { Confirm } from '../ui/Confirm'
import { Problem } from '../ui/Status'

export default function Members() {
  const { t } = useI18n()
  const app = useApp()
  const list = useData('members', () => call('GET /v1/members'))
  const [error, setError] = useState<Error>()
  const [created, setCreated] = useState<MemberInviteCreated>()
  const [removing, setRemoving] = useState<Member>()
  const act = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(undefined)
        list.reload()
      },
      (err) => setError(asError(err)),
    )
  const invite = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    try {
      const body = { email: String(data.get('email')), role: data.get('role') as Role }
      setCreated(await call('POST /v1/members', { body }))
      setError(undefined)
      form.reset()
      list.reload()
    } catch (err) {
      setError(asError(err))
    }
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('membersTitle')}</h1>
      <p class="muted">{t('membersIntro')}</p>
      {list.error && <Problem error={list.error} retry={list.reload} />}
      {error && <Problem error={error} />}
      <table>
        <caption class="sr-only">{t('membersTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('email')}</th>
            <th scope="col">{t('memberRole')}</th>
            {app.canWrite && (
              <th scope="col">
                <span class="sr-only">{t('memberRemove')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {list.data?.data.map((m) => (
            <tr key={m.id}>
              <td>{m.email}</td>
              <td>
                {app.canWrite ? (
                  <select
                    aria-label={`${t('memberRole')}: ${m.email}`}
                    value={m.role}
                    onChange={(e) =>
                      act(
                        call('PATCH /v1/members/{id}', {
                          params: { id: m.id },
                          body: { role: (e.currentTarget as HTMLSelectElement).value as Role },
                        }),
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option value={r}>{t(ROLE_LABEL[r])}</option>
                    ))}
                  </select>
                ) : (
                  t(ROLE_LABEL[m.role])
                )}
              </td>
              {app.canWrite && (
                <td>
                  <button type="button" onClick={() => setRemoving(m)}>
                    {t('memberRemove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && list.data.invites.length > 0 && (
        <section class="card" aria-labelledby="pending-title">
          <h2 id="pending-title">{t('memberPending')}</h2>
          <ul>
            {list.data.invites.map((i) => (
              <li key={i.id}>
                {i.email} ({t(ROLE_LABEL[i.role])}){' '}
                <button
                  type="button"
                  onClick={() =>
                    act(call('DELETE /v1/members/invites/{id}', { params: { id: i.id } }))
                  }
                >
                  {t('memberRevoke')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {app.canWrite && (
        <form class="card" onSubmit={invite} aria-labelledby="invite-title">
          <h2 id="invite-title">{t('memberInvite')}</h2>
          <label for="invite-email">{t('email')}</label>
          <input id="invite-email" name="email" type="email" required autoComplete="off" />
          <label for="invite-role">{t('memberRole')}</label>
          <select id="invite-role" name="role" value="member">
            {ROLES.map((r) => (
              <option value={r}>{t(ROLE_LABEL[r])}</option>
            ))}
          </select>
          <button type="submit" class="primary">
            {t('memberInvite')}
          </button>
          {created && (
            // The link is shown even when mailed: an admin can hand it over another way.
            <p role="status">
              {created.mailed && `${t('memberMailed', { email: created.email })} `}
              {t('memberInvited', { url: created.inviteUrl })}
            </p>
          )}
        </form>
      )}
      {removing && (
        <Confirm
          title={t('memberRemove')}
          text={t('memberRemoveConfirm', { email: removing.email })}
          confirm={t('memberRemove')}
          onConfirm={() => act(call('DELETE /v1/members/{id}', { params: { id: removing.id } }))}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </section>
  )
}
