// Recent survey emails with their state and, for one that ended unsent, the reason
// (GET /v1/email/sends); a state filter and "show more" through the list's cursor.
import { useState } from 'preact/hooks'
import { SEND_STATES } from '../../../schema/constants'
import type { SendState } from '../../../schema/email'
import type { EmailSend } from '../../../schema/email-sends'
import { call } from '../../lib/api'
import { dateTime } from '../../lib/format'
import { useI18n } from '../../lib/i18n'
import { useData } from '../../lib/use-data'
import { Scroll } from '../../ui/Scroll'
import { Problem } from '../../ui/Status'

export default function Sends() {
  const { t, lang } = useI18n()
  const [state, setState] = useState<SendState | ''>('')
  const [more, setMore] = useState<{ rows: EmailSend[]; cursor: string | null }>()
  const first = useData(`sends:${state}`, () => {
    setMore(undefined)
    return call('GET /v1/email/sends', { query: { state: state || null, limit: 50 } })
  })
  const rows = [...(first.data?.data ?? []), ...(more?.rows ?? [])]
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null)
  const loadMore = async () => {
    if (!cursor) return
    const page = await call('GET /v1/email/sends', {
      query: { state: state || null, limit: 50, cursor },
    })
    setMore({ rows: [...(more?.rows ?? []), ...page.data], cursor: page.nextCursor })
  }
  return (
    <section class="card" aria-labelledby="email-sends-title">
      <h2 id="email-sends-title">{t('emailSendsTitle')}</h2>
      <p class="muted">{t('emailSendsIntro')}</p>
      <label>
        {t('emailSendsState')}{' '}
        <select
          value={state}
          onChange={(e) => setState((e.target as HTMLSelectElement).value as SendState | '')}
        >
          <option value="">{t('emailSendsAll')}</option>
          {SEND_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {first.error && <Problem error={first.error} retry={first.reload} />}
      {first.data && rows.length === 0 && <p>{t('emailSendsNone')}</p>}
      {rows.length > 0 && (
        <Scroll label={t('emailSendsTable')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('emailSendsState')}</th>
                <th scope="col">{t('emailSendsReason')}</th>
                <th scope="col">{t('emailSendsTo')}</th>
                <th scope="col">{t('emailSendsKind')}</th>
                <th scope="col">{t('emailSendsDue')}</th>
                <th scope="col">{t('emailSendsSent')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-state={s.state}>
                  <td>{s.state}</td>
                  <td>{s.reason ?? ''}</td>
                  <td>{s.email}</td>
                  <td>{s.kind}</td>
                  <td>{dateTime(lang, s.scheduledFor)}</td>
                  <td>{s.sentAt ? dateTime(lang, s.sentAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {cursor && (
        <button type="button" onClick={loadMore}>
          {t('emailSendsMore')}
        </button>
      )}
    </section>
  )
}
