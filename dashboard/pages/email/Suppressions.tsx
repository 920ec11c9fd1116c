// The suppression list (GET/POST /v1/suppressions): hashes with their reason and date, and a
// form that adds addresses (only their hashes are stored; their pending sends end).
import { useState } from 'preact/hooks'
import { call } from '../../lib/api'
import { useApp } from '../../lib/context'
import { asError } from '../../lib/errors'
import { dateTime } from '../../lib/format'
import { useI18n } from '../../lib/i18n'
import { useData } from '../../lib/use-data'
import { Scroll } from '../../ui/Scroll'
import { Problem } from '../../ui/Status'

export default function Suppressions() {
  const { t, lang } = useI18n()
  const app = useApp()
  const list = useData('suppressions', () =>
    call('GET /v1/suppressions', { query: { limit: 200 } }),
  )
  const [text, setText] = useState('')
  const [done, setDone] = useState<string>()
  const [error, setError] = useState<Error>()
  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    const addresses = text
      .split(/[\s,;]+/)
      .map((a) => a.trim())
      .filter(Boolean)
    if (addresses.length === 0) return
    try {
      const r = await call('POST /v1/suppressions', { body: { addresses } })
      setDone(t('suppressionsAdded', { added: r.added, cancelled: r.cancelledSends }))
      setText('')
      list.reload()
    } catch (err) {
      setError(asError(err))
    }
  }
  return (
    <section class="card" aria-labelledby="suppressions-title">
      <h2 id="suppressions-title">{t('suppressionsTitle')}</h2>
      <p class="muted">{t('suppressionsIntro')}</p>
      {app.canWrite && (
        <form onSubmit={submit}>
          <label>
            {t('suppressionsAddresses')}
            <textarea
              rows={3}
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            />
          </label>
          <button type="submit">{t('suppressionsAdd')}</button>
          {done && <p role="status">{done}</p>}
          {error && <Problem error={error} />}
        </form>
      )}
      {list.error && <Problem error={list.error} retry={list.reload} />}
      {list.data && list.data.data.length === 0 && <p>{t('suppressionsNone')}</p>}
      {list.data && list.data.data.length > 0 && (
        <Scroll label={t('suppressionsTable')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('suppressionsHash')}</th>
                <th scope="col">{t('suppressionsReason')}</th>
                <th scope="col">{t('suppressionsSince')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((s) => (
                <tr key={s.emailHash}>
                  <td>
                    <code title={s.emailHash}>{s.emailHash.slice(0, 12)}…</code>
                  </td>
                  <td>{s.reason}</td>
                  <td>{dateTime(lang, s.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  )
}
