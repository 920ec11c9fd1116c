// One customer's journey: every answer across surveys and touchpoints in time order, and
// "Erase customer" (with a confirmation) for full keys.
import { useState } from 'preact/hooks'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { useI18n } from '../lib/i18n'
import { BASE, navigate } from '../lib/router'
import { useData } from '../lib/use-data'
import { Confirm } from '../ui/Confirm'
import { ResponsesTable } from '../ui/ResponsesTable'
import { Problem } from '../ui/Status'

export default function Customer({ id }: { id: string }) {
  const { t } = useI18n()
  const { canWrite, surveys } = useApp()
  const data = useData(`customer:${id}`, () =>
    call('GET /v1/customers/{customerId}', { params: { customerId: id } }),
  )
  const [confirming, setConfirming] = useState(false)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<Error>()
  const erase = async () => {
    try {
      const r = await call('DELETE /v1/customers/{customerId}', { params: { customerId: id } })
      setStatus(t('erased', { n: r.deleted }))
      navigate('/customers')
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  // The API lists newest first; a journey reads oldest first.
  const rows = [...(data.data?.data ?? [])].reverse()
  const nameOf = new Map(surveys.map((s) => [s.id, s.name]))
  return (
    <section aria-labelledby="page-title">
      <p>
        <a href={`${BASE}/customers`}>← {t('back')}</a>
      </p>
      <h1 id="page-title">{t('customerTitle', { id })}</h1>
      <p class="muted">{t('journey')}</p>
      <p role="status" class="status">
        {status}
      </p>
      {data.error && <Problem error={data.error} retry={data.reload} />}
      {error && <Problem error={error} />}
      {data.data && (
        <ResponsesTable
          rows={rows}
          caption={t('customerTitle', { id })}
          surveyName={(s) => nameOf.get(s) ?? s}
        />
      )}
      {canWrite && data.data && (
        <div class="row-actions">
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            {t('eraseCustomer')}
          </button>
        </div>
      )}
      {confirming && (
        <Confirm
          title={t('eraseConfirmTitle', { id })}
          text={t('eraseConfirmText')}
          confirm={t('eraseConfirm')}
          onConfirm={erase}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  )
}
