// An answer's follow-up on its page: state, owner and deadline; the moves open → contacted (how)
// → resolved | unreachable for full sessions; and the history of who changed what, when.
import { useState } from 'preact/hooks'
import type { ContactVia, FollowUpPatch } from '../../schema/follow-up'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { Problem } from './Status'

/** schema/follow-up.ts CONTACT_VIAS, restated: that module carries zod, which the browser must not. */
const CONTACT_VIAS = ['call', 'email', 'ticket'] as const satisfies readonly ContactVia[]

interface Props {
  responseId: string
  /** Changes when the answer changed elsewhere on the page: the panel reads again. */
  version: string
  onChanged: () => void
}

export function FollowUpPanel({ responseId, version, onChanged }: Props) {
  const { t, lang } = useI18n()
  const { canWrite } = useApp()
  const fu = useData(`follow-up:${responseId}:${version}`, () =>
    call('GET /v1/responses/{id}/follow-up', { params: { id: responseId } }),
  )
  const [via, setVia] = useState<ContactVia>('call')
  const [note, setNote] = useState('')
  const [error, setError] = useState<Error>()
  if (fu.error) return <Problem error={fu.error} retry={fu.reload} />
  if (!fu.data) return <p role="status">{t('loading')}</p>
  const f = fu.data
  const save = async (patch: FollowUpPatch) => {
    setError(undefined)
    try {
      await call('PATCH /v1/responses/{id}/follow-up', { params: { id: responseId }, body: patch })
      setNote('')
      fu.reload()
      onChanged()
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  const withNote = (patch: FollowUpPatch): FollowUpPatch =>
    note.trim() ? { ...patch, note: note.trim() } : patch
  return (
    <div class="follow-up-panel" data-testid="follow-up">
      <dl class="answer-facts">
        <dt>{t('fuState')}</dt>
        <dd data-testid="follow-up-state">
          {t(`fu_${f.state}`)}
          {f.via && ` · ${t(`via_${f.via}`)}`}
          {f.overdue && <span class="badge warn"> {t('overdueBadge')}</span>}
        </dd>
        <dt>{t('owner')}</dt>
        <dd>{f.ownerId ?? t('nobody')}</dd>
        <dt>{t('dueAt', { time: '' }).trim()}</dt>
        <dd>{dateTime(lang, f.dueAt)}</dd>
      </dl>
      {canWrite && (
        <form onSubmit={(e) => e.preventDefault()}>
          <label for={`fu-note-${responseId}`}>{t('stepNote')}</label>
          <textarea
            id={`fu-note-${responseId}`}
            value={note}
            maxLength={2000}
            rows={2}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <div class="actions">
            {(f.state === 'open' || f.state === 'unreachable') && (
              <>
                <label for={`fu-via-${responseId}`}>{t('via')}</label>
                <select
                  id={`fu-via-${responseId}`}
                  value={via}
                  onChange={(e) => {
                    const v = e.currentTarget.value
                    setVia(CONTACT_VIAS.find((c) => c === v) ?? 'call')
                  }}
                >
                  {CONTACT_VIAS.map((v) => (
                    <option value={v}>{t(`via_${v}`)}</option>
                  ))}
                </select>
                <button
                  type="button"
                  class="primary"
                  onClick={() => save(withNote({ state: 'contacted', via }))}
                >
                  {t('markContacted')}
                </button>
              </>
            )}
            {(f.state === 'open' || f.state === 'contacted') && (
              <>
                <button type="button" onClick={() => save(withNote({ state: 'resolved' }))}>
                  {t('markResolved')}
                </button>
                <button type="button" onClick={() => save(withNote({ state: 'unreachable' }))}>
                  {t('markUnreachable')}
                </button>
              </>
            )}
            {f.state !== 'open' && (
              <button type="button" onClick={() => save(withNote({ state: 'open' }))}>
                {t('reopenFollowUp')}
              </button>
            )}
            {note.trim() && (
              <button type="button" onClick={() => save({ note: note.trim() })}>
                {t('addStepNote')}
              </button>
            )}
          </div>
        </form>
      )}
      {error && <Problem error={error} />}
      <h3>{t('history')}</h3>
      {f.history.length === 0 ? (
        <p>{t('historyEmpty')}</p>
      ) : (
        <ol class="history" data-testid="follow-up-history">
          {f.history.map((h) => (
            <li>
              <time dateTime={h.at}>{dateTime(lang, h.at)}</time> · <span>{h.actor}</span> ·{' '}
              <span>
                {h.change === 'state'
                  ? t('change_state', {
                      state:
                        t(`fu_${h.state ?? 'open'}`) + (h.via ? ` (${t(`via_${h.via}`)})` : ''),
                    })
                  : h.change === 'owner'
                    ? t('change_owner', { owner: h.ownerId ?? t('nobody') })
                    : h.change === 'note'
                      ? `${t('change_note')}: ${h.note ?? '–'}`
                      : h.change === 'escalated'
                        ? t('change_escalated', { note: h.note ?? '' })
                        : t('change_reask')}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
