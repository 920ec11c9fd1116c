// The closed loop on one answer: a note, "Mark as closed" or "Reopen" (full keys); a read-only
// session sees the note only. Shared by the inbox's cards and the answer page.
import { useState } from 'preact/hooks'
import type { Response } from '../../schema/response'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { useI18n } from '../lib/i18n'
import { Problem } from './Status'

interface Props {
  answer: Response
  onChanged: (r: Response) => void
}

export function FollowUpControls({ answer: a, onChanged }: Props) {
  const { t } = useI18n()
  const { canWrite } = useApp()
  const [note, setNote] = useState(a.note ?? '')
  const [error, setError] = useState<Error>()
  const save = async (patch: { followUp?: 'open' | 'closed'; note?: string | null }) => {
    setError(undefined)
    try {
      onChanged(await call('PATCH /v1/responses/{id}', { params: { id: a.id }, body: patch }))
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  const noteId = `note-${a.id}`
  return (
    <>
      {canWrite ? (
        <form onSubmit={(e) => (e.preventDefault(), save({ note: note.trim() || null }))}>
          <label for={noteId}>{t('note')}</label>
          <textarea
            id={noteId}
            value={note}
            maxLength={2000}
            rows={2}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <div class="actions">
            <button type="submit">{t('saveNote')}</button>
            {a.followUp === 'closed' ? (
              <button type="button" onClick={() => save({ followUp: 'open' })}>
                {t('reopen')}
              </button>
            ) : (
              <button
                type="button"
                class="primary"
                onClick={() => save({ followUp: 'closed', note: note.trim() || null })}
              >
                {t('markClosed')}
              </button>
            )}
          </div>
        </form>
      ) : (
        a.note && (
          <p>
            {t('note')}: {a.note}
          </p>
        )
      )}
      {error && <Problem error={error} />}
    </>
  )
}
